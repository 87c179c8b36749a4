/**
 * Collections while the portal runs: two folders with the same relative paths
 * ingested through the CLI answer as two documents, the collection is a facet
 * of the search API and a row of each page, and `ingest --sync` of a folder
 * that lost a file turns that document into a tombstone without a restart.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { request } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';

let work: Awaited<ReturnType<typeof tempDir>>;
let portal: PortalProcess;
let env: Record<string, string>;
const ids: Record<string, string> = {};

const letter = (number: string, subject: string) =>
  `Số: ${number}\n\nCÔNG VĂN\nVề ${subject}\n\nNội dung về ${subject}.\n`;

async function ingest(dir: string, ...args: string[]) {
  const report = path.join(work.dir, `report-${path.basename(dir)}-${String(Date.now())}.json`);
  const run = await runCli('ingest.ts', [dir, '--report', report, ...args], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(await fs.readFile(report, 'utf8')) as {
    ingested: { source: string; id: string }[];
    withdrawn?: { id: string }[];
  };
}

beforeAll(async () => {
  work = await tempDir('vankho-collections-e2e-');
  env = { CONTENT_DIR: path.join(work.dir, 'content'), DATA_DIR: path.join(work.dir, 'data') };
  for (const [folder, subject] of [
    ['ha-noi', 'đê điều sông Hồng'],
    ['can-tho', 'kênh rạch sông Hậu'],
  ] as const) {
    const dir = path.join(work.dir, folder);
    await writeTree(dir, {
      'cv/so-1.txt': letter('1/CV-UBND', subject),
      'cv/so-1.txt.meta.yaml': 'classification: public\n',
      'cv/so-2.txt': letter('2/CV-UBND', `${subject}, bổ sung`),
      'cv/so-2.txt.meta.yaml': 'classification: public\n',
    });
    for (const { source, id } of (await ingest(dir, '--no-index')).ingested) {
      ids[`${folder}/${source}`] = id;
    }
  }
  portal = await startPortalProcess(env);
}, 120_000);
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

describe('collections in the running portal', () => {
  it('serves both documents of the same relative path, each in its collection', async () => {
    expect(new Set(Object.values(ids)).size).toBe(4);
    const north = await request(portal.url, `/documents/${ids['ha-noi/cv/so-1.txt'] ?? ''}`);
    const south = await request(portal.url, `/documents/${ids['can-tho/cv/so-1.txt'] ?? ''}`);
    expect(north.status).toBe(200);
    expect(south.status).toBe(200);
    expect(north.body).toContain('đê điều sông Hồng');
    expect(south.body).toContain('kênh rạch sông Hậu');
    expect(south.body).toMatch(/<dt>Bộ sưu tập<\/dt><dd[^>]*>can-tho<\/dd>/);

    const all = await request(portal.url, '/api/search?q=');
    expect(all.json).toMatchObject({ facets: { collection: { 'ha-noi': 2, 'can-tho': 2 } } });
    const one = await request(portal.url, '/api/search?q=c%C3%B4ng+v%C4%83n&collection=can-tho');
    const hits = (one.json as { hits: { id: string }[] }).hits.map((hit) => hit.id).sort();
    expect(hits).toEqual([ids['can-tho/cv/so-1.txt'], ids['can-tho/cv/so-2.txt']].sort());
    const page = await request(portal.url, '/search?q=&collection=can-tho');
    expect(page.body).toContain('Bộ sưu tập');
  });

  it('withdraws with --sync what left a folder, while the portal runs', async () => {
    const gone = ids['can-tho/cv/so-2.txt'] ?? '';
    await fs.rm(path.join(work.dir, 'can-tho', 'cv', 'so-2.txt'));
    const report = await ingest(path.join(work.dir, 'can-tho'), '--sync');
    expect(report.withdrawn?.map((w) => w.id)).toEqual([gone]);
    const page = await request(portal.url, `/documents/${gone}`);
    expect(page.status).toBe(410);
    expect(page.body).toContain('ingest --sync');
    const left = await request(portal.url, '/api/search?q=');
    expect(left.json).toMatchObject({ facets: { collection: { 'ha-noi': 2, 'can-tho': 1 } } });
    // The other collection's file at the same path is untouched.
    const twin = await request(portal.url, `/documents/${ids['ha-noi/cv/so-2.txt'] ?? ''}`);
    expect(twin.status).toBe(200);
  });
});
