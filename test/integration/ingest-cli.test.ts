import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveIndexName } from '../../src/meili/client.ts';
import { startTestMeili, type TestMeili } from '../helpers/meili.ts';
import { REPO_ROOT, tempDir, writeTree } from '../helpers/temp.ts';

const exec = promisify(execFile);
let meili: TestMeili;
let work: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  meili = await startTestMeili();
  work = await tempDir();
});
afterAll(async () => {
  await meili.close();
  await work.cleanup();
});

async function runScript(script: string, args: string[]) {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', script), ...args],
      {
        cwd: work.dir,
        env: {
          PATH: process.env['PATH'],
          DATA_DIR: path.join(work.dir, 'data'),
          MEILI_URL: meili.url,
          MEILI_MASTER_KEY: meili.masterKey,
          INDEX_PREFIX: 'cli-test',
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('npm run ingest', () => {
  it('ingests, indexes and reports; exit 1 names each rejected file; a second run is all unchanged', async () => {
    const input = path.join(work.dir, 'input');
    const content = path.join(work.dir, 'content');
    await writeTree(input, {
      'one.txt': 'Số: 7-CT/TW\n\nCHỈ THỊ\nVề công tác lưu trữ điện tử\n\nNội dung chỉ thị.\n',
      'one.txt.meta.yaml': 'classification: public\n',
      'two.md': '---\ntitle: Báo cáo nội bộ\n---\n\nThực hiện Chỉ thị số 7-CT/TW.\n',
      'three.bin': 'binary',
    });
    const reportFile = path.join(work.dir, 'report.json');
    const first = await runScript('ingest.ts', [
      input,
      '--content-dir',
      content,
      '--report',
      reportFile,
    ]);
    expect(first.stdout).toContain('rejected: three.bin: unsupported format ".bin"');
    expect(first.code).toBe(1);
    const report = JSON.parse(await fs.readFile(reportFile, 'utf8')) as Record<
      string,
      { source: string }[]
    >;
    expect(report['ingested']?.map((e) => e.source).sort()).toEqual(['one.txt', 'two.md']);
    expect(report['rejected']).toEqual([
      { source: 'three.bin', reason: expect.stringContaining('unsupported format') },
    ]);
    expect(report['unchanged']).toEqual([]);

    const index = meili.client.index(liveIndexName('cli-test'));
    const found = await index.search('lưu trữ điện tử', { filter: 'classification = "public"' });
    expect(found.hits.map((h) => h['title'])).toEqual(['Chỉ thị về công tác lưu trữ điện tử']);
    // Nothing public unless someone said so: two.md got the default level.
    const internal = await index.search('', { filter: 'classification = "internal"' });
    expect(internal.hits.map((h) => h['title'])).toEqual(['Báo cáo nội bộ']);

    await fs.rm(path.join(input, 'three.bin'));
    const second = await runScript('ingest.ts', [
      input,
      '--content-dir',
      content,
      '--report',
      reportFile,
    ]);
    expect(second.code).toBe(0);
    const again = JSON.parse(await fs.readFile(reportFile, 'utf8')) as Record<string, unknown[]>;
    expect(again['ingested']).toEqual([]);
    expect(again['unchanged']).toHaveLength(2);

    // One file changed: its document alone is sent, its id read back from the catalog.
    await writeTree(input, {
      'one.txt': 'Số: 7-CT/TW\n\nCHỈ THỊ\nVề công tác số hóa tài liệu\n\nNội dung chỉ thị.\n',
    });
    const third = await runScript('ingest.ts', [input, '--content-dir', content]);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/index: updated, 1 documents changed of 2,/);
    const updated = await index.search('số hóa tài liệu', { filter: 'classification = "public"' });
    expect(updated.hits.map((h) => h['title'])).toEqual(['Chỉ thị về công tác số hóa tài liệu']);
  });

  it('rejects a file above the size limits, naming the flag to raise, and ingests the rest', async () => {
    const input = path.join(work.dir, 'sizes');
    await writeTree(input, {
      'big.txt': `${'Văn bản rất dài. '.repeat(200_000)}\n`,
      'big.png': new Uint8Array(2 * 1024 * 1024 + 5),
      'small.txt': 'Số: 9-CT/TW\n\nCHỈ THỊ\nVề lưu trữ\n',
    });
    const reportFile = path.join(work.dir, 'sizes.json');
    const result = await runScript('ingest.ts', [
      input,
      '--content-dir',
      path.join(work.dir, 'sizes-content'),
      '--max-text-mb',
      '1',
      '--max-file-mb',
      '2',
      '--no-index',
      '--report',
      reportFile,
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(await fs.readFile(reportFile, 'utf8')) as {
      ingested: { source: string }[];
      rejected: { source: string; reason: string }[];
    };
    expect(report.ingested.map((e) => e.source)).toEqual(['small.txt']);
    expect(report.rejected).toEqual([
      {
        source: 'big.png',
        reason: 'file of 2.0 MB is above the limit of 2.0 MB (raise it with --max-file-mb)',
      },
      {
        source: 'big.txt',
        reason: expect.stringMatching(
          /^text file of 4\.\d MB is above the limit of 1\.0 MB for \.txt, \.md and \.html files \(raise it with --max-text-mb\)$/,
        ),
      },
    ]);
    const bad = await runScript('ingest.ts', [input, '--max-file-mb', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-file-mb: expected a size in megabytes above 0, got "lots"');
  });

  it('exits 2 with a clear message on a usage error', async () => {
    const missing = await runScript('ingest.ts', [path.join(work.dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/input folder .*nowhere does not exist/);
    const level = await runScript('ingest.ts', [
      work.dir,
      '--default-classification',
      'restricted',
    ]);
    expect(level.code).toBe(2);
    expect(level.stderr).toContain(
      '--default-classification: "restricted" is not one of public, internal',
    );
    const flag = await runScript('ingest.ts', [work.dir, '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage: npm run ingest/);
  });
});

describe('npm run index', () => {
  it('rebuilds the index from the content folder', async () => {
    const content = path.join(work.dir, 'content');
    const result = await runScript('index.ts', ['--content-dir', content]);
    expect(result.stdout).toMatch(/indexed 2 documents from/);
    expect(result.code).toBe(0);
  });
});
