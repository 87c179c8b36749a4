/**
 * What the probes of issue [5] found, each held by a test against the running
 * portal: bounded request bodies, methods, the search form, OAI-PMH details,
 * and parameters read strictly.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp.ts';

let portal: PortalProcess;
let work: { dir: string; cleanup: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  work = await tempDir('vankho-probes-');
  portal = await startPortalProcess({ DATA_DIR: path.join(work.dir, 'data') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

interface RawAnswer {
  status: number;
  body: string;
}

/** Sends `chunks` as the body (chunked unless a Content-Length is given); stops sending once answered. */
function send(
  method: string,
  pathname: string,
  headers: Record<string, string>,
  chunks: () => Generator<Buffer>,
): Promise<RawAnswer> {
  const url = new URL(pathname, portal.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { method, headers }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    // The server may close the connection while the body is still being sent.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const iterator = chunks();
    const pump = () => {
      for (;;) {
        if (answered || req.destroyed) return;
        const next = iterator.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

async function rssKb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

describe('request bodies', () => {
  it('refuses a 200 MB login body with 413 without reading it (server memory stays flat)', async () => {
    const pid = portal.child.pid ?? 0;
    const before = await rssKb(pid);
    const megabyte = Buffer.alloc(1024 * 1024, 'a');
    const answer = await send(
      'POST',
      '/login',
      {
        Origin: new URL(portal.url).origin,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(200 * 1024 * 1024),
      },
      function* () {
        for (let i = 0; i < 200; i++) yield megabyte;
      },
    );
    expect(answer.status).toBe(413);
    const chunked = await send(
      'POST',
      '/login',
      { Origin: new URL(portal.url).origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      function* () {
        for (let i = 0; i < 50; i++) yield megabyte;
      },
    );
    expect(chunked.status).toBe(413);
    const api = await send(
      'POST',
      '/api/search',
      { Origin: new URL(portal.url).origin, 'Content-Length': String(10 * 1024 * 1024) },
      function* () {
        for (let i = 0; i < 10; i++) yield megabyte;
      },
    );
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    const grownKb = (await rssKb(pid)) - before;
    console.log(
      `server RSS after 260 MB of refused bodies: ${(grownKb / 1024).toFixed(1)} MB more`,
    );
    expect(grownKb).toBeLessThan(64 * 1024);
    // A form of ordinary size still works.
    const login = await fetch(`${portal.url}/login`, {
      method: 'POST',
      headers: { Origin: new URL(portal.url).origin },
      body: new URLSearchParams({ username: 'nobody', password: 'wrong password' }),
      redirect: 'manual',
    });
    expect(login.status).toBe(401);
  });
});

describe('methods', () => {
  it('answers TRACE, PUT, DELETE and PATCH with 405 and an Allow header, never a page or a 500', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
      for (const pathname of ['/', '/search?q=a', '/api/search?q=a']) {
        const answer = await send(method, pathname, {}, function* () {
          // no body
        });
        expect(answer.status, `${method} ${pathname}`).toBe(405);
        expect(answer.body).not.toMatch(/<html|at .*:\d+/);
      }
    }
    // Each was logged as a request answered 405, and nothing else was said about it.
    const logged = portal
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; method?: string; status?: number });
    const traces = logged.filter((line) => line.method === 'TRACE');
    expect(traces).toHaveLength(3);
    for (const line of traces) expect(line).toMatchObject({ msg: 'request', status: 405 });
    const others = logged.filter((line) => line.msg !== 'request').map((line) => line.msg);
    expect(others.join('\n')).not.toMatch(/TRACE|Internal Server Error/);
    expect(logged.filter((line) => line.status === 500)).toEqual([]);
  });
});

describe('the filter form', () => {
  it('submits with empty date boxes and a changed sort, and keeps the results', async () => {
    const page = await browser.newPage();
    await page.goto(`${portal.url}/search?q=${encodeURIComponent('lưu trữ')}`);
    const before = await page.locator('.total').innerText();
    await page.locator('select[name="sort"]').selectOption('issued:desc');
    const [sorted] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('sort=issued')),
      page.getByRole('button', { name: 'Sắp xếp' }).click(),
    ]);
    expect(sorted.status()).toBe(200);
    // The filters keep the order chosen above the results.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('issuedFrom=')),
      page.getByRole('button', { name: 'Lọc' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(page.url()).toContain('issuedFrom=&');
    expect(page.url()).toContain('sort=issued%3Adesc');
    expect(await page.locator('.total').innerText()).toBe(before);
    expect(await page.locator('.result').count()).toBeGreaterThan(0);
    expect(
      await page.getByRole('searchbox', { name: 'Tìm văn bản', exact: true }).inputValue(),
    ).toBe('lưu trữ');
    await page.close();
  });

  it('shows a wrong date beside its field, in Vietnamese, with the query and results kept', async () => {
    const page = await browser.newPage();
    const response = await page.goto(
      `${portal.url}/search?q=${encodeURIComponent('lưu trữ')}&issuedFrom=2020-02-30&sort=issued:asc`,
    );
    expect(response?.status()).toBe(400);
    const problem = page.locator('.field-problem[data-field="issuedFrom"]');
    expect(await problem.innerText()).toContain('Ngày không hợp lệ');
    expect(await page.locator('input[name="issuedFrom"]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(
      await page.getByRole('searchbox', { name: 'Tìm văn bản', exact: true }).inputValue(),
    ).toBe('lưu trữ');
    expect(await page.locator('select[name="sort"]').inputValue()).toBe('issued:asc');
    expect(await page.locator('.result').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toMatch(/expected an ISO date/);
    await page.close();
  });

  it('reads page numbers as digits only in the API', async () => {
    expect((await fetch(`${portal.url}/api/search?q=&page=0x10`)).status).toBe(400);
    expect((await fetch(`${portal.url}/api/search?q=&page=1e1`)).status).toBe(400);
    expect((await fetch(`${portal.url}/api/search?q=&issuedFrom=&sort=`)).status).toBe(200);
  });
});
