/** The portal when Meilisearch goes away and comes back: 503 with a plain message, then recovery. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { startMeili, type MeiliConnection } from '../../src/meili/server.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir } from '../helpers/temp.ts';

let meiliData: { dir: string; cleanup: () => Promise<void> };
let portalData: { dir: string; cleanup: () => Promise<void> };
let meili: MeiliConnection;
let portal: PortalProcess;

beforeAll(async () => {
  meiliData = await tempDir('vankho-meili-');
  portalData = await tempDir('vankho-portal-');
  meili = await startMeili({ ...loadConfig({}), dataDir: meiliData.dir });
  portal = await startPortalProcess({
    DATA_DIR: portalData.dir,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
  });
});

afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await meili.stop();
  await meiliData.cleanup();
  await portalData.cleanup();
});

describe('when Meilisearch is unreachable', () => {
  it('answers 503 with a clear code and message, keeps running, and recovers', async () => {
    expect((await fetch(`${portal.url}/api/search?q=`)).status).toBe(200);
    const probe = async (path: string) => {
      const answer = await fetch(`${portal.url}${path}`);
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    };
    expect(await probe('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe('/readyz')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { meilisearch: 'ok', index: 'ok' } },
    });
    const port = Number(new URL(meili.url).port);
    await meili.stop();

    // Up, but not ready: a load balancer takes it out of rotation, and says why.
    expect(await probe('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const unready = await probe('/readyz');
    expect(unready.status).toBe(503);
    expect(unready.body).toMatchObject({
      status: 'unavailable',
      checks: { meilisearch: 'The search server cannot be reached', index: 'not checked' },
    });

    const api = await fetch(`${portal.url}/api/search?q=lưu trữ`);
    expect(api.status).toBe(503);
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('search_unavailable');
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|at .*\.(ts|js):\d+|Error:/);
    const page = await fetch(`${portal.url}/search?q=lưu trữ`);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('Máy chủ tìm kiếm tạm thời không phản hồi');
    expect(html).not.toMatch(/127\.0\.0\.1:\d+|\.ts:\d+/);
    expect(portal.child.exitCode).toBeNull();

    meili = await startMeili({ ...loadConfig({}), dataDir: meiliData.dir }, { port });
    const again = await fetch(`${portal.url}/api/search?q=lưu trữ`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { total: number }).total).toBeGreaterThan(0);
    expect((await probe('/readyz')).status).toBe(200);
  });
});

describe('the portal’s own Meilisearch', () => {
  let data: { dir: string; cleanup: () => Promise<void> };
  let own: PortalProcess;
  const serverPid = async () =>
    (
      JSON.parse(await fs.readFile(path.join(data.dir, 'meili', 'server.json'), 'utf8')) as {
        pid: number;
      }
    ).pid;

  beforeAll(async () => {
    data = await tempDir('vankho-portal-');
    own = await startPortalProcess({ DATA_DIR: data.dir });
  });
  afterAll(async () => {
    if (own.child.exitCode === null) await own.stop();
    await data.cleanup();
  });

  it('answers 503 within 2 s while the engine is stalled (SIGSTOP), and recovers on SIGCONT', async () => {
    const pid = await serverPid();
    expect((await fetch(`${own.url}/api/search?q=`)).status).toBe(200);
    process.kill(pid, 'SIGSTOP');
    try {
      for (const url of [`${own.url}/api/search?q=ngh%E1%BB%8B`, `${own.url}/search?q=abc`]) {
        const started = performance.now();
        const response = await fetch(url);
        expect(response.status).toBe(503);
        expect(performance.now() - started).toBeLessThan(2000);
      }
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect((await fetch(`${own.url}/api/search?q=`)).status).toBe(200);
  });

  it('is started again, on the same port, after kill -9, and the restart is logged', async () => {
    const pid = await serverPid();
    process.kill(pid, 'SIGKILL');
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await fetch(`${own.url}/api/search?q=`)).status;
    }
    expect(status).toBe(200);
    // The new server answers a moment before the registry names it.
    await expect.poll(serverPid, { timeout: 5000 }).not.toBe(pid);
    expect(own.output()).toMatch(/Meilisearch \(pid \d+\) is gone/);
    expect(own.output()).toMatch(/Meilisearch restarted \(pid \d+\)/);
  });
});
