/**
 * Search that survives its engine: the portal keeps a Pagefind edition of the
 * public documents current in the background and serves it at /offline/.
 * While Meilisearch is away, anonymous visitors are sent there (with a notice
 * that it is the fallback) and search it in Chromium; signed-in visitors are
 * told why not. The fallback never holds a restricted document, and a
 * document withdrawn while it stands is not served from it, not even in the
 * moments before it is rebuilt.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { startMeili, type MeiliConnection } from '../../src/meili/server.ts';
import { buildCanaryArchive, PASSWORD, type CanaryArchive } from '../helpers/canaries.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { logIn, request } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir } from '../helpers/temp.ts';

let work: Awaited<ReturnType<typeof tempDir>>;
let meiliData: Awaited<ReturnType<typeof tempDir>>;
let meili: MeiliConnection;
let archive: CanaryArchive;
let portal: PortalProcess;
let dataDir: string;

async function fallbackReady(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await request(portal.url, '/offline/search/')).status;
    if (status === 200) return;
    expect(status).toBe(503);
    if (Date.now() > deadline)
      throw new Error(`no fallback search:\n${portal.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  work = await tempDir('vankho-fallback-');
  meiliData = await tempDir('vankho-fallback-meili-');
  dataDir = path.join(work.dir, 'data');
  archive = await buildCanaryArchive(work.dir, dataDir);
  meili = await startMeili({ ...loadConfig({}), dataDir: meiliData.dir });
  portal = await startPortalProcess({
    CONTENT_DIR: archive.contentDir,
    DATA_DIR: dataDir,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    FALLBACK_SEARCH: 'on',
  });
  await fallbackReady();
}, 300_000);
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await meili.stop();
  await meiliData.cleanup();
  await work.cleanup();
});

const canary = (level: string) => {
  const found = archive.canaries.find((c) => c.level === level);
  if (!found) throw new Error(`no ${level} canary`);
  return found;
};

describe('the fallback search', () => {
  it('holds the public documents only', async () => {
    const open = await request(portal.url, `/offline/documents/${canary('public').id}/`);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
    for (const level of ['internal', 'secret', 'top-secret']) {
      expect((await request(portal.url, `/offline/documents/${canary(level).id}/`)).status).toBe(
        404,
      );
    }
  });

  it('stands in while Meilisearch is away: anonymous visitors search it, signed-in ones are told why not', async () => {
    const cookie = await logIn(portal.url, 'u-secret', PASSWORD);
    const port = Number(new URL(meili.url).port);
    await meili.stop();
    try {
      const word = canary('public').word;
      const api = await request(portal.url, `/api/search?q=${word}`);
      expect(api.status).toBe(503);
      expect(api.json).toMatchObject({
        error: { code: 'search_unavailable' },
        fallback: `/offline/search/?q=${word}`,
      });
      const signedIn = await request(portal.url, `/search?q=${word}`, { cookie });
      expect(signedIn.status).toBe(503);
      expect(signedIn.body).toContain('không dùng cho người đã đăng nhập');
      expect(signedIn.body).not.toContain('/offline/');

      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const answer = await page.goto(`${portal.url}/search?q=${word}`);
        expect(answer?.status()).toBe(503);
        const complaints: string[] = [];
        await page.getByRole('link', { name: 'Tìm trong bản dự phòng' }).click();
        await page.waitForURL(/\/offline\/search\/\?q=/);
        // Nothing the fallback's CSP refuses (a script from a blob) is even tried.
        page.on('console', (message) => {
          if (/Content Security Policy|Pagefind/.test(message.text())) {
            complaints.push(message.text());
          }
        });
        await expect
          .poll(() => page.locator('.banner-fallback').innerText())
          .toContain('bản tìm kiếm dự phòng');
        // Pagefind runs under the fallback's CSP and finds the public document.
        const hit = page.locator(
          `#search-results a[href="/offline/documents/${canary('public').id}/"]`,
        );
        await hit.waitFor({ timeout: 15_000 });
        expect(complaints).toEqual([]);
        await hit.click();
        await page.waitForURL(/\/offline\/documents\//);
        expect(await page.locator('h1').innerText()).toMatch(/KanaryTitlePublicXq/);
      } finally {
        await browser.close();
      }
    } finally {
      meili = await startMeili({ ...loadConfig({}), dataDir: meiliData.dir }, { port });
    }
    expect((await request(portal.url, `/api/search?q=${canary('public').word}`)).status).toBe(200);
  });

  it('serves nothing of a document withdrawn meanwhile, before and after it is rebuilt', async () => {
    const { id } = canary('public');
    const withdrawn = await runCli('withdraw.ts', [id, '--reason', 'Ban hành nhầm'], {
      DATA_DIR: dataDir,
      CONTENT_DIR: archive.contentDir,
    });
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    // Stale: nothing is served until the edition matches the content folder again.
    expect((await request(portal.url, `/offline/documents/${id}/`)).status).toBe(503);
    await fallbackReady();
    expect((await request(portal.url, `/offline/documents/${id}/`)).status).toBe(404);
  });
});
