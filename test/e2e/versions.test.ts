/**
 * Versions through the real CLI and the running portal: a source file changed
 * twice makes versions 2 and 3; the earlier ones stay readable with a banner,
 * their originals stay stored, a diff shows what changed, the index holds the
 * current version only, and a restricted document's versions are as hidden as it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originalFile } from '../../src/content/originals.ts';
import { readDocument } from '../../src/content/store.ts';
import { versionFile } from '../../src/content/versions.ts';
import { axeViolations } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { request } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';

let work: Awaited<ReturnType<typeof tempDir>>;
let portal: PortalProcess;
let env: Record<string, string>;
let id = '';
let secretId = '';

const text = (title: string, level: string, words: string) =>
  `---\ntitle: ${title}\nclassification: ${level}\nissued: 2020-03-04\n---\n\nĐiều 1. Quy định chung.\n\n${words}\n\nĐiều 2. Hiệu lực thi hành.\n`;

beforeAll(async () => {
  work = await tempDir('vankho-versions-');
  const input = path.join(work.dir, 'input');
  env = { CONTENT_DIR: path.join(work.dir, 'content'), DATA_DIR: path.join(work.dir, 'data') };
  const versions = [
    ['Quy chế lưu trữ', 'Bản đầu kanaryvone.'],
    ['Quy chế lưu trữ (sửa đổi)', 'Bản sửa kanaryvtwo.'],
    ['Quy chế lưu trữ (sửa đổi)', 'Bản sửa lần hai kanaryvthree.'],
  ];
  for (const [i, [title, words]] of versions.entries()) {
    await writeTree(input, {
      'quy-che.md': text(title ?? '', 'public', words ?? ''),
      'mat.md': text('Kế hoạch mật', 'secret', i === 0 ? 'Mật một.' : 'Mật hai.'),
    });
    const report = path.join(work.dir, `report-${String(i)}.json`);
    const run = await runCli('ingest.ts', [input, '--no-index', '--report', report], env);
    expect(run.code).toBe(0);
    const { ingested } = JSON.parse(await fs.readFile(report, 'utf8')) as {
      ingested: { source: string; id: string }[];
    };
    id ||= ingested.find((entry) => entry.source === 'quy-che.md')?.id ?? '';
    secretId ||= ingested.find((entry) => entry.source === 'mat.md')?.id ?? '';
  }
  portal = await startPortalProcess(env);
});
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

describe('versions of a document', () => {
  it('keeps every earlier version and its original when the source changes', async () => {
    const content = env['CONTENT_DIR'] ?? '';
    const current = await readDocument(content, id);
    expect(current?.meta.version).toBe(3);
    expect(current?.meta.versions?.map((v) => v.version)).toEqual([1, 2]);
    for (const kept of current?.meta.versions ?? []) {
      await expect(fs.stat(versionFile(content, id, kept.version))).resolves.toBeTruthy();
      await expect(fs.stat(originalFile(content, kept.sha256, 'quy-che.md'))).resolves.toBeTruthy();
    }
    // The index holds the current version only.
    expect((await request(portal.url, '/api/search?q=kanaryvone')).json).toMatchObject({
      total: 0,
    });
    expect((await request(portal.url, '/api/search?q=kanaryvthree')).json).toMatchObject({
      total: 1,
    });
  });

  it('lists the versions, shows an earlier one with a banner, and what changed', async () => {
    const page = await request(portal.url, `/documents/${id}`);
    expect(page.body).toContain('Phiên bản 3 · xem các phiên bản trước');
    const list = await request(portal.url, `/documents/${id}/versions`);
    expect(list.status).toBe(200);
    const rows = [...list.body.matchAll(/<tr><td>(\d+)/g)].map((match) => match[1]);
    expect(rows).toEqual(['3', '2', '1']);
    const first = await request(portal.url, `/documents/${id}?version=1`);
    expect(first.status).toBe(200);
    expect(first.body).toContain('Đây là phiên bản 1');
    expect(first.body).toContain('kanaryvone');
    expect(first.body).not.toContain('kanaryvthree');
    expect(first.body).toContain('Xem bản hiện hành (phiên bản 3)');
    const diff = await request(portal.url, `/documents/${id}/versions?diff=2`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatch(/<del[^>]*>[^<]*kanaryvone/);
    expect(diff.body).toMatch(/<ins[^>]*>[^<]*kanaryvtwo/);
    expect(diff.body).toContain('<ins>Quy chế lưu trữ (sửa đổi)</ins>');
    for (const wrong of ['?version=9', '?version=x', '/versions?diff=1', '/versions?diff=4']) {
      const address = wrong.startsWith('?')
        ? `/documents/${id}${wrong}`
        : `/documents/${id}${wrong}`;
      expect((await request(portal.url, address)).status, wrong).toBe(404);
    }
  });

  it('reports no WCAG violation on the versions, an earlier version and a diff', async () => {
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      const found: string[] = [];
      for (const address of ['/versions', '?version=1', '/versions?diff=2']) {
        await page.goto(`${portal.url}/documents/${id}${address}`);
        for (const v of await axeViolations(page)) found.push(`${address}: ${v}`);
      }
      expect(found).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('hides a restricted document’s versions as it hides the document', async () => {
    for (const address of [
      `/documents/${secretId}/versions`,
      `/documents/${secretId}?version=1`,
      `/documents/${secretId}/versions?diff=2`,
    ]) {
      const answer = await request(portal.url, address);
      expect(answer.status, address).toBe(404);
      expect(answer.body).not.toContain('Mật một');
    }
  });
});
