/**
 * WCAG 2.1 A/AA by axe-core on every page type, at desktop and phone widths:
 * the portal's pages must report no violation.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

let portal: PortalProcess;
let browser: Browser;
let data: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  data = await tempDir('vankho-a11y-');
  // Signed-in staff see more on the same pages: classification marks, banners, the sign-out form.
  execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts', 'users.ts'), 'add', STAFF, '--clearance', 'top-secret'],
    { env: { PATH: process.env['PATH'], DATA_DIR: data.dir }, input: PASSWORD },
  );
  portal = await startPortalProcess({ DATA_DIR: data.dir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  if (portal.child.exitCode === null) await portal.stop();
  await data.cleanup();
});

const STAFF = 'a11y-archivist';
const PASSWORD = 'accessible password 2026';
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

async function pagePaths(): Promise<string[]> {
  const found = (await (
    await fetch(`${portal.url}/api/search?q=&type=resolution&perPage=1`)
  ).json()) as {
    hits: { id: string; number: string }[];
  };
  const doc = found.hits[0];
  return [
    '/',
    '/search?q=luu+tru',
    `/search?q=${encodeURIComponent(doc?.number ?? '')}`,
    '/search?q=57-NQ%2FTW',
    '/search?q=zzzzqqq',
    '/search?q=&page=9999',
    '/browse',
    '/browse/type',
    '/browse/type/resolution',
    '/browse/year',
    `/documents/${doc?.id ?? ''}`,
    `/documents/${doc?.id ?? ''}/versions`,
    '/login',
    '/khong-co-trang-nay',
    // The English interface: the same pages, other strings.
    '/en/',
    '/en/search?q=luu+tru',
    `/en/documents/${doc?.id ?? ''}`,
  ];
}

/** What only signed-in staff are shown: classified results and documents, and signing out. */
async function staffPaths(cookie: string): Promise<string[]> {
  const found = (await (
    await fetch(`${portal.url}/api/search?q=&classification=secret&perPage=1`, {
      headers: { Cookie: cookie },
    })
  ).json()) as { hits: { id: string }[] };
  const secret = found.hits[0]?.id;
  if (!secret) throw new Error('the sample has no secret document');
  return ['/search?q=', `/documents/${secret}`, '/en/search?q=&classification=secret', '/logout'];
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const [name, viewport] of Object.entries(WIDTHS)) {
    it(`reports no violation on any page type, anonymous and signed in, ${name}`, async () => {
      // axe is injected by the test, not by the page: the page's CSP allows only its own scripts.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of await pagePaths()) {
        await page.goto(`${portal.url}${path}`);
        for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
      }
      // Signed in: the login form first, then what staff alone see.
      await page.goto(`${portal.url}/login`);
      await page.getByLabel('Tên đăng nhập').fill(STAFF);
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await Promise.all([
        page.waitForURL((url) => !url.pathname.startsWith('/login')),
        page.getByRole('button', { name: 'Đăng nhập' }).click(),
      ]);
      const cookie = (await context.cookies())
        .map((entry) => `${entry.name}=${entry.value}`)
        .join('; ');
      for (const path of await staffPaths(cookie)) {
        await page.goto(`${portal.url}${path}`);
        expect(await page.locator('.account').innerText()).toContain(STAFF);
        for (const v of await axeViolations(page)) found.push(`signed in ${path}: ${v}`);
      }
      // The harness itself can fail: an image without a text alternative is found.
      await page.goto(`${portal.url}/`);
      await page.evaluate(() =>
        document.querySelector('main')?.append(document.createElement('img')),
      );
      expect((await axeViolations(page)).join('\n')).toMatch(/^image-alt /m);
      await context.close();
      expect(found).toEqual([]);
    });
  }
});
