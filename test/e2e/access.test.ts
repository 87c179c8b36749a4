/**
 * Sessions, the Origin check, login throttling and the audit trail, through
 * the running portal as a browser and an administrator would use them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCanaryArchive, PASSWORD, type CanaryArchive } from '../helpers/canaries.ts';
import { logIn, request, sessionCookie } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const exec = promisify(execFile);
let portal: PortalProcess;
let archive: CanaryArchive;
let work: { dir: string; cleanup: () => Promise<void> };
let dataDir: string;

beforeAll(async () => {
  work = await tempDir('vankho-access-');
  dataDir = path.join(work.dir, 'data');
  archive = await buildCanaryArchive(work.dir, dataDir);
  portal = await startPortalProcess({
    DATA_DIR: dataDir,
    CONTENT_DIR: archive.contentDir,
    // Counted refusals of anonymous visitors reach the trail within a second.
    AUDIT_REFUSALS_SECONDS: '1',
  });
});
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

const canary = (level: string) => {
  const found = archive.canaries.find((c) => c.level === level);
  if (!found) throw new Error(`no canary for ${level}`);
  return found;
};
const total = async (cookie?: string) =>
  ((await request(portal.url, '/api/search?q=', { cookie })).json as { total: number }).total;

async function auditVerify(dir: string) {
  try {
    const { stdout } = await exec(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'audit.ts'), 'verify'],
      {
        env: { PATH: process.env['PATH'], DATA_DIR: dir },
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('sessions', () => {
  it('issue a new id at login, ignoring one planted beforehand, with HttpOnly and SameSite=Lax', async () => {
    const planted = 'vankho-session=6f1c2a7e-1b2c-4d3e-8f40-123456789abc';
    const answer = await request(portal.url, '/login', {
      method: 'POST',
      cookie: planted,
      form: { username: 'u-secret', password: PASSWORD },
    });
    expect(answer.status).toBe(303);
    const cookie = sessionCookie(answer);
    expect(cookie).toBeDefined();
    expect(cookie).not.toBe(planted);
    const header = answer.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    // Served over plain HTTP: a Secure cookie would never come back.
    expect(header).not.toMatch(/Secure/);
    expect(await total(planted)).toBe(await total());
    expect(await total(cookie)).toBeGreaterThan(await total());
  });

  it('end at logout: the old cookie is worth nothing afterwards', async () => {
    const cookie = await logIn(portal.url, 'u-confidential', PASSWORD);
    const signedIn = await total(cookie);
    const page = await request(portal.url, '/', { cookie });
    expect(page.body).toContain('u-confidential');
    const out = await request(portal.url, '/logout', { method: 'POST', cookie, form: {} });
    expect(out.status).toBe(303);
    expect(await total(cookie)).toBeLessThan(signedIn);
    expect(await total(cookie)).toBe(await total());
    const doc = await request(portal.url, `/documents/${canary('confidential').id}`, { cookie });
    expect(doc.status).toBe(404);
  });
});

describe('in a browser', () => {
  it('logs in from a document that is not there yet, sees it, and logs out', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const secret = canary('secret');
      const response = await page.goto(`${portal.url}/documents/${secret.id}`);
      expect(response?.status()).toBe(404);
      await page.getByRole('link', { name: 'Đăng nhập' }).click();
      await page.getByLabel('Tên đăng nhập').fill('u-secret');
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${portal.url}/documents/${secret.id}`);
      expect(await page.locator('h1').innerText()).toContain('KanaryTitleSecretXq');
      expect(await page.locator('.account').innerText()).toContain('u-secret');
      // Staff see that it is classified: a banner on the page, a mark on the result.
      expect(await page.locator('.banner-classified').innerText()).toMatch(/^Tài liệu Tối mật:/);
      await page.goto(`${portal.url}/search?q=${encodeURIComponent(secret.word)}`);
      const result = page.locator('.result', { hasText: 'KanaryTitleSecretXq' });
      expect(await result.locator('.classified').innerText()).toBe('Tối mật');
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL(`${portal.url}/`);
      expect(await page.getByRole('link', { name: 'Đăng nhập' }).count()).toBe(1);
      const again = await page.goto(`${portal.url}/documents/${secret.id}`);
      expect(again?.status()).toBe(404);
    } finally {
      await browser.close();
    }
  });
});

describe('state changes from another origin', () => {
  it('are refused for forms and JSON alike, and change nothing', async () => {
    const cookie = await logIn(portal.url, 'u-internal', PASSWORD);
    const evil = { Origin: 'http://evil.example' };
    const logout = await request(portal.url, '/logout', {
      method: 'POST',
      cookie,
      form: {},
      headers: evil,
    });
    expect(logout.status).toBe(403);
    expect(await total(cookie)).toBeGreaterThan(await total());
    const json = await request(portal.url, '/api/search', {
      method: 'POST',
      cookie,
      headers: { ...evil, 'Content-Type': 'application/json' },
    });
    expect(json.status).toBe(403);
    expect(json.json).toMatchObject({ error: { code: 'cross_origin' } });
    // No Origin and no fetch metadata: not a browser on this site.
    const bare = await fetch(`${portal.url}/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
      redirect: 'manual',
    });
    expect(bare.status).toBe(403);
    expect(await total(cookie)).toBeGreaterThan(await total());
  });
});

describe('the audit trail', () => {
  it('records views of restricted documents, allowed and refused, and verifies', async () => {
    const secret = canary('secret');
    const cookie = await logIn(portal.url, 'u-secret', PASSWORD);
    expect((await request(portal.url, `/documents/${secret.id}`, { cookie })).status).toBe(200);
    expect(
      (await request(portal.url, `/media/${secret.imageId}/original`, { cookie })).status,
    ).toBe(200);
    const read = async () =>
      (await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Anonymous refusals are counted, then written as one line per document and interval.
    const anonymousRefusals = async () =>
      (await read())
        .filter(
          (line) =>
            line['outcome'] === 'refused' &&
            line['document'] === secret.id &&
            line['user'] === undefined,
        )
        .reduce((sum, line) => sum + Number(line['count']), 0);
    // Earlier refusals may still be counting: wait for those to be written first.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const refusedBefore = await anonymousRefusals();
    for (let i = 0; i < 3; i++) {
      expect((await request(portal.url, `/documents/${secret.id}`)).status).toBe(404);
    }
    await expect
      .poll(async () => (await anonymousRefusals()) - refusedBefore, { timeout: 5000 })
      .toBe(3);
    const lines = await read();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'login', user: 'u-secret', outcome: 'success' }),
        expect.objectContaining({
          event: 'view',
          user: 'u-secret',
          document: secret.id,
          classification: 'secret',
          outcome: 'allowed',
        }),
        expect.objectContaining({
          event: 'download',
          user: 'u-secret',
          document: secret.imageId,
          outcome: 'allowed',
        }),
        expect.objectContaining({
          event: 'view',
          document: secret.id,
          classification: 'secret',
          outcome: 'refused',
        }),
        expect.objectContaining({ event: 'logout', user: 'u-confidential' }),
      ]),
    );
    // Public documents are not audited: reading them is not an event worth a trail.
    expect(lines.some((line) => line['classification'] === 'public')).toBe(false);
    const verified = await auditVerify(dataDir);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`${String(lines.length)} records, chain intact`));
  });

  it('detects a changed line and a removed line', async () => {
    const copy = path.join(work.dir, 'tampered');
    await fs.mkdir(copy);
    const text = await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8');
    await fs.copyFile(path.join(dataDir, 'audit.head'), path.join(copy, 'audit.head'));
    await fs.writeFile(path.join(copy, 'audit.log'), text.replace('"u-secret"', '"u-public"'));
    const changed = await auditVerify(copy);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/its content was changed/);
    const lines = text.trim().split('\n');
    await fs.writeFile(path.join(copy, 'audit.log'), `${lines.slice(0, -1).join('\n')}\n`);
    const removed = await auditVerify(copy);
    expect(removed.code).toBe(1);
    expect(removed.stdout).toMatch(/lines at the end were removed/);
  });

  it('refuses restricted documents while the trail cannot be written, and recovers', async () => {
    const secret = canary('secret');
    const cookie = await logIn(portal.url, 'u-secret', PASSWORD);
    const log = path.join(dataDir, 'audit.log');
    await fs.rename(log, `${log}.aside`);
    await fs.mkdir(log);
    try {
      const page = await request(portal.url, `/documents/${secret.id}`, { cookie });
      expect(page.status).toBe(503);
      expect(page.body).not.toContain(secret.markers[5]);
      const api = await request(portal.url, `/api/documents/${secret.id}`, { cookie });
      expect(api.status).toBe(503);
      expect(api.json).toMatchObject({ error: { code: 'audit_unavailable' } });
      const media = await request(portal.url, `/media/${secret.imageId}/original`, { cookie });
      expect(media.status).toBe(503);
      expect((await request(portal.url, `/documents/${archive.targetId}`, { cookie })).status).toBe(
        200,
      );
    } finally {
      await fs.rmdir(log);
      await fs.rename(`${log}.aside`, log);
    }
    expect((await request(portal.url, `/documents/${secret.id}`, { cookie })).status).toBe(200);
    expect((await auditVerify(dataDir)).code).toBe(0);
  });
});

describe('failed logins', () => {
  it('say the same whichever field was wrong', async () => {
    const wrongPassword = await request(portal.url, '/login', {
      method: 'POST',
      form: { username: 'u-public', password: 'not the password' },
    });
    const unknownUser = await request(portal.url, '/login', {
      method: 'POST',
      form: { username: 'nobody-here', password: 'not the password' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const alert = (body: string) => /role="alert"[^>]*>([^<]*)</.exec(body)?.[1];
    expect(alert(wrongPassword.body)).toBeTruthy();
    expect(alert(wrongPassword.body)).toBe(alert(unknownUser.body));
  });

  it('slow down an account after five failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await request(portal.url, '/login', {
        method: 'POST',
        form: { username: 'u-top-secret', password: `guess ${String(i)}` },
      });
      expect(answer.status).toBe(401);
    }
    const blocked = await request(portal.url, '/login', {
      method: 'POST',
      form: { username: 'u-top-secret', password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sessionCookie(blocked)).toBeUndefined();
    // Another account from the same address is not held up by it.
    await expect(logIn(portal.url, 'u-internal', PASSWORD)).resolves.toMatch(/vankho-session=/);
    const audit = await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8');
    expect(audit).toMatch(
      /"event":"login-failed","user":"u-top-secret"[^\n]*"outcome":"throttled"/,
    );
  });
});
