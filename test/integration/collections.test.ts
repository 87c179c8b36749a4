/**
 * Collections through the real CLI: two folders with the same relative paths
 * coexist as two collections, documents ingested before collections keep
 * their ids, and `--sync` withdraws (never deletes) what left a collection.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveIndexName } from '../../src/meili/client.ts';
import { ensureIndexed } from '../../src/meili/sync.ts';
import { oaiResponse } from '../../src/search/oai.ts';
import { parseSearchParams } from '../../src/search/params.ts';
import { searchDocuments } from '../../src/search/search.ts';
import { startTestMeili } from '../helpers/meili.ts';
import { readDocument } from '../../src/content/store.ts';
import { documentId } from '../../src/ingest/identity.ts';
import { ingest as ingestWithoutCollection } from '../../src/ingest/pipeline.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT, tempDir, writeTree } from '../helpers/temp.ts';

const exec = promisify(execFile);
const OAI_SCHEMA = path.join(REPO_ROOT, 'test', 'fixtures', 'oai-pmh', 'oai-pmh-and-oai_dc.xsd');

let work: Awaited<ReturnType<typeof tempDir>>;
let content: string;

beforeEach(async () => {
  work = await tempDir('vankho-collections-');
  content = path.join(work.dir, 'content');
});
afterEach(() => work.cleanup());

interface Report {
  ingested: { source: string; id: string }[];
  unchanged: { source: string; id: string }[];
  withdrawn?: { source: string; id: string }[];
}

let runs = 0;
async function ingest(
  dir: string,
  ...args: string[]
): Promise<Report & { code: number; stdout: string }> {
  const report = path.join(work.dir, `report-${String(++runs)}.json`);
  const run = await runCli(
    'ingest.ts',
    [dir, '--content-dir', content, '--no-index', '--report', report, ...args],
    { DATA_DIR: path.join(work.dir, 'data') },
  );
  expect(run.stderr).toBe('');
  const parsed = JSON.parse(await fs.readFile(report, 'utf8')) as Report;
  return { ...parsed, code: run.code, stdout: run.stdout };
}

const letter = (number: string, subject: string) =>
  `Số: ${number}\n\nCÔNG VĂN\nVề ${subject}\n\nNội dung về ${subject}.\n`;

describe('collections', { timeout: 60_000 }, () => {
  it('keeps two folders with the same relative paths apart, each its own collection', async () => {
    const north = path.join(work.dir, 'north');
    const south = path.join(work.dir, 'south');
    await writeTree(north, { '2020/cv-1.txt': letter('1/CV-UBND', 'đê điều miền Bắc') });
    await writeTree(south, { '2020/cv-1.txt': letter('1/CV-UBND', 'kênh rạch miền Nam') });

    const first = await ingest(north);
    const second = await ingest(south);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    const [a] = first.ingested;
    const [b] = second.ingested;
    expect(a?.source).toBe('2020/cv-1.txt');
    expect(b?.source).toBe('2020/cv-1.txt');
    expect(a?.id).not.toBe(b?.id);

    const northDoc = await readDocument(content, a?.id ?? '');
    const southDoc = await readDocument(content, b?.id ?? '');
    expect(northDoc?.body).toContain('đê điều miền Bắc');
    expect(southDoc?.body).toContain('kênh rạch miền Nam');
    // The default collection is the input folder's name.
    expect(northDoc?.meta.collection).toBe('north');
    expect(southDoc?.meta.collection).toBe('south');
    expect(southDoc?.meta.sources[0]).toMatchObject({ path: '2020/cv-1.txt', collection: 'south' });

    // Again, unchanged: each folder finds its own document, nothing is rewritten.
    const again = await ingest(north);
    expect(again.unchanged).toEqual([{ source: '2020/cv-1.txt', id: a?.id }]);
    expect(again.ingested).toEqual([]);
  });

  it('keeps the ids of documents ingested before collections: the first collection to hold the path adopts them', async () => {
    const input = path.join(work.dir, 'archive');
    await writeTree(input, { 'nq/57.txt': letter('57-NQ/TW', 'khoa học') });
    await ingestWithoutCollection({
      inputDir: input,
      contentDir: content,
      defaultClassification: 'internal',
    });
    const legacy = documentId('nq/57.txt');
    expect((await readDocument(content, legacy))?.meta.collection).toBeUndefined();

    const adopted = await ingest(input, '--collection', 'trung-uong');
    expect(adopted.ingested).toEqual([{ source: 'nq/57.txt', id: legacy }]);
    const doc = await readDocument(content, legacy);
    expect(doc?.meta).toMatchObject({ collection: 'trung-uong' });
    // The same file, adopted: one source, no new version.
    expect(doc?.meta.sources).toEqual([
      expect.objectContaining({ path: 'nq/57.txt', collection: 'trung-uong' }),
    ]);
    expect(doc?.meta.version).toBeUndefined();
    expect((await ingest(input, '--collection', 'trung-uong')).unchanged).toEqual([
      { source: 'nq/57.txt', id: legacy },
    ]);

    // Another collection with the same path gets its own id.
    const other = path.join(work.dir, 'tinh');
    await writeTree(other, { 'nq/57.txt': letter('57-NQ/TU', 'nông nghiệp') });
    const second = await ingest(other);
    expect(second.ingested).toEqual([{ source: 'nq/57.txt', id: documentId('nq/57.txt', 'tinh') }]);
    expect((await readDocument(content, legacy))?.body).toContain('khoa học');
  });

  it('withdraws with --sync what left the folder, and only then; never what another collection holds', async () => {
    const input = path.join(work.dir, 'so-noi-vu');
    await writeTree(input, {
      'a.txt': letter('1/CV-SNV', 'tuyển dụng'),
      'b.txt': letter('2/CV-SNV', 'đào tạo'),
      'c.txt': letter('3/CV-SNV', 'thi đua'),
    });
    const first = await ingest(input);
    const ids = Object.fromEntries(first.ingested.map((e) => [e.source, e.id]));
    // c.txt's bytes are also filed in another collection: that document stays.
    const copy = path.join(work.dir, 'ban-sao');
    await writeTree(copy, { 'c-copy.txt': letter('3/CV-SNV', 'thi đua') });
    await ingest(copy);

    await fs.rm(path.join(input, 'b.txt'));
    await fs.rm(path.join(input, 'c.txt'));
    // Without --sync, nothing is withdrawn.
    const plain = await ingest(input);
    expect(plain.withdrawn).toBeUndefined();
    expect((await readDocument(content, ids['b.txt'] ?? ''))?.meta.withdrawn).toBeUndefined();

    const synced = await ingest(input, '--sync');
    expect(synced.code).toBe(0);
    expect(synced.withdrawn).toEqual([
      { id: ids['b.txt'], source: 'b.txt', reason: expect.stringContaining('so-noi-vu') },
    ]);
    expect(synced.stdout).toContain(`withdrawn: ${String(ids['b.txt'])}: its file b.txt is gone`);
    const gone = await readDocument(content, ids['b.txt'] ?? '');
    expect(gone?.meta.withdrawn).toMatchObject({ reason: expect.stringContaining('--sync') });
    // A tombstone, not a deletion: the document and its original stay.
    expect(gone?.body).toContain('đào tạo');
    expect((await readDocument(content, ids['c.txt'] ?? ''))?.meta.withdrawn).toBeUndefined();
    expect((await readDocument(content, ids['a.txt'] ?? ''))?.meta.withdrawn).toBeUndefined();
    // Who withdrew what is in the audit trail.
    const audit = await fs.readFile(path.join(work.dir, 'data', 'audit.log'), 'utf8');
    expect(audit).toContain(`"document":"${String(ids['b.txt'])}"`);

    // Said once: a second sync withdraws nothing more.
    expect((await ingest(input, '--sync')).withdrawn).toEqual([]);
  });

  it('refuses to empty a collection from an empty folder, and names a bad --collection', async () => {
    const input = path.join(work.dir, 'kho');
    await writeTree(input, { 'a.txt': letter('1/CV-K', 'kho') });
    const first = await ingest(input);
    await fs.rm(path.join(input, 'a.txt'));
    const synced = await ingest(input, '--sync');
    expect(synced.code).toBe(1);
    expect(synced.stdout).toContain('error: --sync: the input folder holds no file');
    expect(synced.withdrawn).toEqual([]);
    expect(
      (await readDocument(content, first.ingested[0]?.id ?? ''))?.meta.withdrawn,
    ).toBeUndefined();

    const bad = await runCli('ingest.ts', [
      input,
      '--collection',
      'Sở/Nội vụ',
      '--content-dir',
      content,
      '--no-index',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--collection "Sở/Nội vụ": expected a collection name');
  });

  it('is a facet and an OAI-PMH set, never naming a collection of restricted documents to those not cleared', async () => {
    const open = path.join(work.dir, 'cong-bao');
    const closed = path.join(work.dir, 'mat-ma');
    await writeTree(open, {
      'a.txt': letter('1/CV-CB', 'công báo'),
      'a.txt.meta.yaml': 'classification: public\n',
    });
    await writeTree(closed, {
      'a.txt': letter('1/CV-MM', 'mật mã'),
      'a.txt.meta.yaml': 'classification: secret\n',
    });
    await ingest(open);
    await ingest(closed);
    const meili = await startTestMeili();
    try {
      await ensureIndexed({
        client: meili.client,
        prefix: 'coll',
        contentDir: content,
        dataDir: meili.dataDir,
      });
      const backend = { client: meili.client, index: liveIndexName('coll') };
      const search = (query: string, clearance: 'public' | 'secret') =>
        searchDocuments(backend, parseSearchParams(new URLSearchParams(query)), clearance);
      expect((await search('', 'public')).facets.collection).toEqual({ 'cong-bao': 1 });
      expect((await search('', 'secret')).facets.collection).toEqual({
        'cong-bao': 1,
        'mat-ma': 1,
      });
      const narrowed = await search('collection=mat-ma', 'secret');
      expect(narrowed.hits.map((hit) => hit.title)).toEqual(['Công văn về mật mã']);

      let answers = 0;
      const oai = async (query: string) => {
        const xml = await oaiResponse(
          {
            backend,
            contentDir: content,
            baseUrl: 'https://kho.example/oai',
            adminEmail: 'a@kho.example',
          },
          new URLSearchParams(query),
        );
        const file = path.join(work.dir, `oai-${String(++answers)}.xml`);
        await fs.writeFile(file, xml);
        const checked = await exec('xmllint', ['--noout', '--schema', OAI_SCHEMA, file]).catch(
          (error: unknown) => error as { stderr: string },
        );
        expect(checked.stderr.trim(), xml).toBe(`${file} validates`);
        return xml;
      };
      const sets = await oai('verb=ListSets');
      expect(sets).toContain('<setSpec>collection:cong-bao</setSpec>');
      expect(sets).toContain('<setSpec>type:resolution</setSpec>');
      expect(sets).not.toContain('mat-ma');
      const listed = await oai(
        'verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:cong-bao',
      );
      expect(listed).toContain('<setSpec>collection:cong-bao</setSpec>');
      expect([...listed.matchAll(/<identifier>/g)]).toHaveLength(1);
      // A collection of secret documents answers as one that does not exist.
      const hidden = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:mat-ma');
      const missing = await oai(
        'verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection:khong-co',
      );
      expect(hidden).toContain('code="badArgument"');
      expect(hidden.replace('mat-ma', 'X').replace(/<responseDate>[^<]+/, '')).toBe(
        missing.replace('khong-co', 'X').replace(/<responseDate>[^<]+/, ''),
      );
    } finally {
      await meili.close();
    }
  });
});
