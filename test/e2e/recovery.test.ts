/** The portal when Meilisearch goes away and comes back: 503 with a plain message, then recovery. */
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
    const port = Number(new URL(meili.url).port);
    await meili.stop();

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
  });
});
