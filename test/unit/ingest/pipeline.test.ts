import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAllDocuments, readDocument } from '../../../src/content/store.ts';
import { ArchiveCatalog } from '../../../src/ingest/catalog.ts';
import { documentId } from '../../../src/ingest/identity.ts';
import { ingestListed as ingest } from '../../helpers/ingest.ts';
import { tempDir, writeTree } from '../../helpers/temp.ts';

let root: string;
let input: string;
let content: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
  input = path.join(root, 'input');
  content = path.join(root, 'content');
  await fs.mkdir(input);
});
afterEach(() => cleanup());

const run = () =>
  ingest({ inputDir: input, contentDir: content, defaultClassification: 'internal' });

describe('ingest', { timeout: 30_000 }, () => {
  it('ingests text and Markdown, applies metadata precedence, rejects what it cannot read', async () => {
    await writeTree(input, {
      'a/57-nq-tw.txt':
        'BỘ CHÍNH TRỊ\nSố: 57-NQ/TW\nHà Nội, ngày 22 tháng 12 năm 2024\n\nNGHỊ QUYẾT\nVề khoa học\n\nNội dung.\n',
      'a/57-nq-tw.txt.meta.yaml': 'classification: public\nissuer: Bộ Chính trị\n',
      'a/manifest.csv':
        'file,title,classification,subjects\n57-nq-tw.txt,Manifest title,secret,khoa học;công nghệ\n',
      'b/plan.md':
        '---\ntitle: Kế hoạch\nclassification: confidential\n---\n\n# Heading\n\nThực hiện Nghị quyết số 57-NQ/TW.\n',
      'b/bad-meta.md': '---\nissued: 2024-13-45\n---\n\nText.\n',
      'b/photo.xyz': 'not a document',
      'b/empty.txt': '',
      'b/.hidden.txt': 'skipped',
    });
    await fs.symlink('/etc/hostname', path.join(input, 'b', 'link.txt'));
    const report = await run();

    expect(report.ingested.map((e) => e.source).sort()).toEqual(['a/57-nq-tw.txt', 'b/plan.md']);
    expect(Object.fromEntries(report.rejected.map((r) => [r.source, r.reason]))).toEqual({
      'b/bad-meta.md': expect.stringMatching(
        /b\/bad-meta\.md front matter: field "issued": expected an ISO date/,
      ),
      'b/empty.txt': 'empty file',
      'b/link.txt': 'symbolic link, not followed',
      'b/photo.xyz': expect.stringMatching(/unsupported format "\.xyz"/),
    });

    const resolution = await readDocument(content, documentId('a/57-nq-tw.txt'));
    expect(resolution?.meta).toMatchObject({
      title: 'Manifest title', // manifest < sidecar: the sidecar gives no title
      classification: 'public', // the sidecar wins over the manifest
      subjects: ['khoa học', 'công nghệ'],
      issuer: 'Bộ Chính trị',
      number: '57-NQ/TW',
      numberKey: '57-nq-tw',
      type: 'resolution',
      issued: '2024-12-22',
      language: 'vi',
    });
    expect(resolution?.meta.sources[0]).toMatchObject({
      path: 'a/57-nq-tw.txt',
      format: 'txt',
      size: expect.any(Number),
    });

    const plan = await readDocument(content, documentId('b/plan.md'));
    expect(plan?.meta).toMatchObject({ title: 'Kế hoạch', classification: 'confidential' });
    expect(plan?.meta.relations).toEqual([
      { type: 'implements', target: '57-NQ/TW', id: resolution?.meta.id },
    ]);
  });

  it('reports unchanged input as unchanged, and re-ingests when a sidecar changes', async () => {
    await writeTree(input, {
      'x.txt': 'Văn bản.\n',
      'x.txt.meta.json': '{"classification":"public"}',
    });
    expect((await run()).ingested).toHaveLength(1);
    const second = await run();
    expect(second.unchanged).toEqual([{ source: 'x.txt', id: documentId('x.txt') }]);
    expect(second.ingested).toEqual([]);
    await writeTree(input, { 'x.txt.meta.json': '{"classification":"secret"}' });
    expect((await run()).ingested).toHaveLength(1);
    expect((await readDocument(content, documentId('x.txt')))?.meta.classification).toBe('secret');
  });

  it('reads no file whose stamp is unchanged, and sees every change to a file or its metadata', async () => {
    await writeTree(input, { 'd/x.txt': 'Văn bản một.\n', 'd/y.txt': 'Văn bản hai.\n' });
    expect((await run()).ingested).toHaveLength(2);
    const reads = vi.spyOn(fsSync, 'readFileSync');
    const readsOf = (name: string) =>
      reads.mock.calls.filter(([file]) => typeof file === 'string' && file.endsWith(name)).length;
    try {
      expect((await run()).unchanged).toHaveLength(2);
      expect(readsOf('x.txt')).toBe(0);
      // --rehash reads everything, and still finds it unchanged.
      const rehashed = await ingest({
        inputDir: input,
        contentDir: content,
        defaultClassification: 'internal',
        rehash: true,
      });
      expect(rehashed.unchanged).toHaveLength(2);
      expect(readsOf('x.txt')).toBe(1);
    } finally {
      reads.mockRestore();
    }
    const changed = async (tree: Record<string, string>) => {
      await writeTree(input, tree);
      return (await run()).ingested.map((entry) => entry.source);
    };
    // The same size, other bytes.
    expect(await changed({ 'd/x.txt': 'Văn bản mốt.\n' })).toEqual(['d/x.txt']);
    expect(await changed({ 'd/x.txt.meta.yaml': 'classification: public\n' })).toEqual(['d/x.txt']);
    await fs.rm(path.join(input, 'd/x.txt.meta.yaml'));
    expect((await run()).ingested.map((entry) => entry.source)).toEqual(['d/x.txt']);
    expect(await changed({ 'd/manifest.csv': 'file,title\ny.txt,Tiêu đề\n' })).toEqual(['d/y.txt']);
    expect((await readDocument(content, documentId('d/y.txt')))?.meta.title).toBe('Tiêu đề');
    // A different default classification is a different input.
    const other = await ingest({
      inputDir: input,
      contentDir: content,
      defaultClassification: 'secret',
    });
    expect(other.ingested).toHaveLength(2);
  }, 60_000);

  it('resolves a citation when its target arrives in a later run', async () => {
    await writeTree(input, { 'later.md': '# Kế hoạch\n\nThực hiện Chỉ thị số 05-CT/TW.\n' });
    await run();
    const before = await readDocument(content, documentId('later.md'));
    expect(before?.meta.relations).toEqual([{ type: 'implements', target: '05-CT/TW' }]);

    await writeTree(input, { 'ct.txt': 'Số: 05-CT/TW\n\nCHỈ THỊ\nVề lưu trữ\n' });
    const report = await run();
    // The ids are read from the catalog once the run is over, for the index update.
    expect(report.changed).toBe(2);
    expect([...ArchiveCatalog.writtenByLastRun(content)].sort()).toEqual(
      [documentId('ct.txt'), documentId('later.md')].sort(),
    );
    const after = await readDocument(content, documentId('later.md'));
    expect(after?.meta.relations).toEqual([
      { type: 'implements', target: '05-CT/TW', id: documentId('ct.txt') },
    ]);
    // Kept until the next run, which wrote nothing.
    expect((await run()).changed).toBe(0);
    expect([...ArchiveCatalog.writtenByLastRun(content)]).toEqual([]);
  });

  it('refuses an input folder that does not exist', async () => {
    await expect(
      ingest({
        inputDir: path.join(root, 'nope'),
        contentDir: content,
        defaultClassification: 'internal',
      }),
    ).rejects.toThrow(/input folder .*nope does not exist/);
  });

  it('gives the same ids and text on every run', async () => {
    await writeTree(input, { 'Nghị quyết 57.txt': 'Nội dung.\n' });
    await run();
    const docs = [];
    for await (const doc of readAllDocuments(content, (file, error) => {
      throw new Error(`${file}: ${error.message}`);
    }))
      docs.push(doc);
    expect(docs.map((d) => d.meta.id)).toEqual([
      `nghi-quyet-57-${documentId('Nghị quyết 57.txt').slice(-10)}`,
    ]);
  });
});
