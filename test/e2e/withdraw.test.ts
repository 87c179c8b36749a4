/**
 * Withdrawal through the real CLI while the portal runs: the document leaves
 * search, feeds, the sitemap and the offline edition; its page and API answer
 * 410 with a tombstone to those who could see it and 404 to everyone else;
 * OAI-PMH lists it as deleted (valid against the schemas); the audit trail
 * says who withdrew what, and nothing of the document is deleted.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFile } from '../../src/content/store.ts';
import {
  buildCanaryArchive,
  PASSWORD,
  type Canary,
  type CanaryArchive,
} from '../helpers/canaries.ts';
import { axeViolations } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { logIn, request } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const exec = promisify(execFile);
const SCHEMA = path.join(REPO_ROOT, 'test', 'fixtures', 'oai-pmh', 'oai-pmh-and-oai_dc.xsd');
let work: Awaited<ReturnType<typeof tempDir>>;
let archive: CanaryArchive;
let dataDir: string;
let portal: PortalProcess;
let open: Canary;
let secret: Canary;

const env = () => ({ DATA_DIR: dataDir, CONTENT_DIR: archive.contentDir });
const withdraw = (...args: string[]) => runCli('withdraw.ts', args, env());

beforeAll(async () => {
  work = await tempDir('vankho-withdraw-');
  dataDir = path.join(work.dir, 'data');
  archive = await buildCanaryArchive(work.dir, dataDir);
  const find = (level: string) => archive.canaries.find((canary) => canary.level === level);
  open = find('public') as Canary;
  secret = find('secret') as Canary;
  portal = await startPortalProcess({ CONTENT_DIR: archive.contentDir, DATA_DIR: dataDir });
  // Withdrawn while the portal runs: the live index is updated, no restart.
  for (const [canary, reason] of [
    [open, 'Ban hành nhầm, thay bằng bản đúng'],
    [secret, 'Trùng lặp'],
  ] as const) {
    const done = await withdraw(canary.id, '--reason', reason);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
  }
});
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

async function validOai(query: string): Promise<string> {
  const xml = (await request(portal.url, `/oai?${query}`)).body;
  const file = path.join(work.dir, `oai-${String(Date.now())}.xml`);
  await fs.writeFile(file, xml);
  const checked = await exec('xmllint', ['--noout', '--schema', SCHEMA, file]);
  expect(checked.stderr.trim()).toBe(`${file} validates`);
  return xml;
}

describe('npm run withdraw', () => {
  it('answers 410 with a tombstone to those who could see the document, 404 to the others', async () => {
    const page = await request(portal.url, `/documents/${open.id}`);
    expect(page.status).toBe(410);
    expect(page.body).toContain('Văn bản này đã được rút khỏi kho lưu trữ.');
    expect(page.body).toContain('Ban hành nhầm, thay bằng bản đúng');
    expect(page.body).toContain(open.number);
    expect(page.body).not.toContain(`kanarybody${open.word.slice('kanary'.length)}`);
    const api = await request(portal.url, `/api/documents/${open.id}`);
    expect(api.status).toBe(410);
    expect(api.json).toMatchObject({
      error: { code: 'withdrawn' },
      tombstone: { id: open.id, withdrawn: { reason: 'Ban hành nhầm, thay bằng bản đúng' } },
    });
    expect((await request(portal.url, `/media/${open.id}/original`)).status).toBe(410);
    const browser = await launchBrowser();
    try {
      const tab = await (await browser.newContext({ bypassCSP: true })).newPage();
      await tab.goto(`${portal.url}/documents/${open.id}`);
      expect(await axeViolations(tab)).toEqual([]);
    } finally {
      await browser.close();
    }
    const versions = await request(portal.url, `/documents/${open.id}/versions`);
    expect(versions.status).toBe(410);
    expect(versions.body).toContain('Ban hành nhầm, thay bằng bản đúng');
    expect((await request(portal.url, `/documents/${open.id}/cite?format=bibtex`)).status).toBe(
      410,
    );

    // The secret one: gone for a cleared reader, never there for anyone else.
    expect((await request(portal.url, `/documents/${secret.id}`)).status).toBe(404);
    const cookie = await logIn(portal.url, 'u-secret', PASSWORD);
    const cleared = await request(portal.url, `/documents/${secret.id}`, { cookie });
    expect(cleared.status).toBe(410);
    expect(cleared.body).toContain('Trùng lặp');
    const lower = await logIn(portal.url, 'u-internal', PASSWORD);
    expect((await request(portal.url, `/documents/${secret.id}`, { cookie: lower })).status).toBe(
      404,
    );
  });

  it('takes the document out of search, facets, the feed and the sitemap', async () => {
    const cookie = await logIn(portal.url, 'u-top-secret', PASSWORD);
    for (const canary of [open, secret]) {
      const found = await request(portal.url, `/api/search?q=${canary.word}`, { cookie });
      expect(found.json).toMatchObject({ total: 0 });
      const issuer = await request(
        portal.url,
        `/api/search?q=&issuer=${encodeURIComponent(canary.issuer)}`,
        { cookie },
      );
      // The issuer's image is still there; the withdrawn text document is not.
      const ids = (issuer.json as { hits: { id: string }[] }).hits.map((hit) => hit.id);
      expect(ids).toEqual([canary.imageId]);
    }
    const all = await request(portal.url, '/api/search?q=&perPage=100');
    expect(all.body).not.toContain(open.id);
    expect((await request(portal.url, '/feed.xml?q=')).body).not.toContain(open.id);
    const sitemaps = await request(portal.url, '/sitemap.xml');
    let urls = sitemaps.body;
    for (const match of sitemaps.body.matchAll(/<loc>[^<]*(\/sitemap\/[^<]+)<\/loc>/g)) {
      urls += (await request(portal.url, match[1] ?? '')).body;
    }
    expect(urls).toContain(archive.targetId);
    expect(urls).not.toContain(open.id);
  });

  it('lists the public one as deleted in OAI-PMH, for good, and never the secret one', async () => {
    expect(await validOai('verb=Identify')).toContain('<deletedRecord>persistent</deletedRecord>');
    const listed = await validOai('verb=ListIdentifiers&metadataPrefix=oai_dc');
    const deleted = [...listed.matchAll(/<header status="deleted">\s*<identifier>([^<]+)/g)].map(
      (match) => match[1],
    );
    expect(deleted).toEqual([expect.stringContaining(open.id)]);
    expect(listed).not.toContain(secret.id);
    const records = await validOai('verb=ListRecords&metadataPrefix=oai_dc');
    expect(records).not.toContain(open.word);
    const one = await validOai(
      `verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(deleted[0] ?? '')}`,
    );
    expect(one).toContain('<header status="deleted">');
    expect(one).not.toContain('<metadata>');
  });

  it('keeps the file and its originals, records who withdrew it, and refuses to do it twice', async () => {
    const file = await fs.readFile(documentFile(archive.contentDir, open.id), 'utf8');
    expect(file).toContain('reason: Ban hành nhầm, thay bằng bản đúng');
    expect(file).toContain(`kanarybody${open.word.slice('kanary'.length)}`);
    const fixity = await runCli('fixity.ts', [], env());
    expect(fixity.stdout).not.toMatch(/missing: [1-9]/);
    const audit = await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8');
    expect(audit).toMatch(
      new RegExp(`"event":"withdraw".*"document":"${open.id}".*"reason":"Ban hành nhầm`),
    );
    const again = await withdraw(open.id, '--reason', 'lần nữa');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${open.id} was withdrawn already`);
    const unknown = await withdraw('no-such-document-123', '--reason', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No document no-such-document-123');
    const edition = path.join(work.dir, 'edition');
    const exported = await runCli('export.ts', ['--out', edition], env());
    expect(exported.code).toBe(0);
    await expect(fs.stat(path.join(edition, 'documents', open.id))).rejects.toThrow();
    await expect(fs.stat(path.join(edition, 'documents', archive.targetId))).resolves.toBeTruthy();
  });
});
