/**
 * Declassification on schedule, through the real CLI and the running portal:
 * a secret document due yesterday is public on every path once the portal has
 * started; one due tomorrow is not, and is listed as upcoming; a schedule that
 * would raise a level is refused and named.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFile, readDocument } from '../../src/content/store.ts';
import { runCli } from '../helpers/cli.ts';
import { request } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';

let work: Awaited<ReturnType<typeof tempDir>>;
let portal: PortalProcess;
const ids: Record<'due' | 'later' | 'wrong', string> = { due: '', later: '', wrong: '' };
let env: Record<string, string>;

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function document(word: string, level: string, on: string, to: string): string {
  return [
    '---',
    `title: Báo cáo giải mật ${word}`,
    `classification: ${level}`,
    'issued: 2001-05-06',
    `declassify: { on: '${on}', to: ${to} }`,
    '---',
    '',
    `Nội dung ${word} của báo cáo.`,
    '',
  ].join('\n');
}

beforeAll(async () => {
  work = await tempDir('vankho-declassify-');
  const input = path.join(work.dir, 'input');
  env = { CONTENT_DIR: path.join(work.dir, 'content'), DATA_DIR: path.join(work.dir, 'data') };
  await writeTree(input, {
    'due.md': document('kanarydueword', 'secret', day(-1), 'public'),
    'later.md': document('kanarylaterword', 'secret', day(1), 'public'),
    'wrong.md': document('kanarywrongword', 'internal', day(-1), 'secret'),
  });
  const report = path.join(work.dir, 'report.json');
  const ingest = await runCli('ingest.ts', [input, '--no-index', '--report', report], env);
  expect(ingest.code).toBe(0);
  const { ingested } = JSON.parse(await fs.readFile(report, 'utf8')) as {
    ingested: { source: string; id: string }[];
  };
  for (const name of ['due', 'later', 'wrong'] as const) {
    ids[name] = ingested.find((entry) => entry.source === `${name}.md`)?.id ?? '';
  }
  portal = await startPortalProcess(env);
});
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

describe('declassification on schedule', () => {
  it('makes a document due yesterday public on every path when the portal starts', async () => {
    expect(portal.messages()).toContainEqual(
      expect.stringContaining(`declassified ${ids.due}: secret → public`),
    );
    const found = await request(portal.url, '/api/search?q=kanarydueword');
    expect((found.json as { hits: { id: string }[] }).hits.map((hit) => hit.id)).toEqual([ids.due]);
    expect((await request(portal.url, `/documents/${ids.due}`)).status).toBe(200);
    expect((await request(portal.url, `/media/${ids.due}/original`)).status).toBe(200);
    expect((await request(portal.url, '/feed.xml')).body).toContain(ids.due);
    expect(
      (await request(portal.url, '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc')).body,
    ).toContain(ids.due);
    const index = (await request(portal.url, '/sitemap.xml')).body;
    let sitemaps = '';
    for (const match of index.matchAll(/<loc>[^<]*(\/sitemap\/[^<]+)<\/loc>/g)) {
      sitemaps += (await request(portal.url, match[1] ?? '')).body;
    }
    expect(sitemaps).toContain(ids.due);
    expect(sitemaps).not.toContain(ids.later);
    const stored = await readDocument(env['CONTENT_DIR'] ?? '', ids.due);
    expect(stored?.meta).toMatchObject({
      classification: 'public',
      declassified: { on: day(-1), from: 'secret' },
    });
    expect(stored?.meta.declassify).toBeUndefined();
    const audit = await fs.readFile(path.join(env['DATA_DIR'] ?? '', 'audit.log'), 'utf8');
    expect(audit).toMatch(new RegExp(`"event":"declassify".*"document":"${ids.due}"`));
  });

  it('keeps a document due tomorrow at its level, and lists it as upcoming', async () => {
    expect((await request(portal.url, '/api/search?q=kanarylaterword')).json).toMatchObject({
      total: 0,
    });
    expect((await request(portal.url, `/documents/${ids.later}`)).status).toBe(404);
    expect(
      (await request(portal.url, '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc')).body,
    ).not.toContain(ids.later);
    const upcoming = await runCli('declassify.ts', ['--upcoming'], env);
    expect(upcoming.code).toBe(0);
    expect(upcoming.stdout).toContain(`${day(1)}\t${ids.later}\tsecret → public`);
    expect(upcoming.stdout).toContain('1 declassifications due in the next 90 days');
    expect(upcoming.stdout).not.toContain(ids.due);
  });

  it('refuses a schedule that would not lower the level, naming it', async () => {
    expect(portal.messages()).toContainEqual(
      expect.stringContaining(`not declassified: ${ids.wrong}: declassify.to "secret"`),
    );
    const run = await runCli('declassify.ts', [], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`not declassified: ${ids.wrong}`);
    const file = await fs.readFile(documentFile(env['CONTENT_DIR'] ?? '', ids.wrong), 'utf8');
    expect(file).toContain('classification: internal');
  });
});
