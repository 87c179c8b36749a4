/**
 * Two portal servers on one Meilisearch and one Redis, each with its own
 * DATA_DIR as on separate machines: a login on one is honoured by the other,
 * login throttling counts failures on both, and the audit trail they append
 * to is one chain that verifies. When Redis goes away, signed-in requests get
 * a clear 503 while anonymous visitors keep searching; when it returns,
 * everything works again without a restart.
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { logIn, request } from '../helpers/http.ts';
import { startTestMeili, type TestMeili } from '../helpers/meili.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { startTestRedis, type TestRedis } from '../helpers/redis.ts';
import { tempDir } from '../helpers/temp.ts';

const PASSWORD = 'two servers one redis';
const PREFIX = 'two';
let work: Awaited<ReturnType<typeof tempDir>>;
let meili: TestMeili;
let redis: TestRedis;
let servers: PortalProcess[] = [];
let shared: Record<string, string>;

const total = async (base: string, cookie?: string) => {
  const answer = await request(base, '/api/search?q=', cookie ? { cookie } : {});
  expect(answer.status).toBe(200);
  return (answer.json as { total: number }).total;
};

beforeAll(async () => {
  work = await tempDir('vankho-redis-e2e-');
  [meili, redis] = await Promise.all([startTestMeili(), startTestRedis({ persist: true })]);
  shared = {
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    REDIS_URL: redis.url,
    INDEX_PREFIX: PREFIX,
  };
  for (const name of ['a', 'b']) {
    const dataDir = path.join(work.dir, name);
    // Accounts stay in each server's DATA_DIR: an administrator adds them on each (README).
    const added = await runCli(
      'users.ts',
      ['add', 'staff', '--clearance', 'top-secret'],
      { ...shared, DATA_DIR: dataDir },
      PASSWORD,
    );
    expect(added.code, added.stderr).toBe(0);
  }
  servers.push(await startPortalProcess({ ...shared, DATA_DIR: path.join(work.dir, 'a') }));
  servers.push(await startPortalProcess({ ...shared, DATA_DIR: path.join(work.dir, 'b') }));
}, 300_000);
afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) await server.stop();
  servers = [];
  await redis.close();
  await meili.close();
  await work.cleanup();
});

describe('two portal servers on one Redis', () => {
  it('honour a login made on either, count login failures across both, and keep one audit chain', async () => {
    const [a, b] = servers.map((server) => server.url) as [string, string];
    const anonymous = await total(b);
    const cookie = await logIn(a, 'staff', PASSWORD);
    expect(await total(b, cookie)).toBeGreaterThan(anonymous);

    // Five failures for one name, alternating servers: the sixth attempt waits, on either.
    for (const [i, base] of [a, b, a, b, a].entries()) {
      const failed = await request(base, '/login', {
        method: 'POST',
        form: { username: 'guesser', password: `guess ${String(i)}` },
      });
      expect(failed.status).toBe(401);
    }
    const throttled = await request(b, '/login', {
      method: 'POST',
      form: { username: 'guesser', password: 'guess 6' },
    });
    expect(throttled.status).toBe(429);

    const verified = await runCli('audit.ts', ['verify'], {
      ...shared,
      DATA_DIR: path.join(work.dir, 'a'),
    });
    expect(verified.stdout).toMatch(/redis two:audit:log: \d+ records, chain intact/);
    expect(verified.code).toBe(0);
    const raw = new Redis(redis.url);
    try {
      const records = (await raw.lrange(`${PREFIX}:audit:log`, 0, -1)).map(
        (line) => JSON.parse(line) as { event: string; outcome: string },
      );
      const events = records.map((r) => `${r.event}:${r.outcome}`);
      expect(events.filter((e) => e === 'account:created')).toHaveLength(2);
      expect(events).toContain('login:success');
      expect(events.filter((e) => e === 'login-failed:failure')).toHaveLength(5);
      expect(events).toContain('login-failed:throttled');
    } finally {
      raw.disconnect();
    }
  });

  it('answers signed-in requests 503 while Redis is away, serves anonymous ones, and recovers by itself', async () => {
    const [a, b] = servers.map((server) => server.url) as [string, string];
    const cookie = await logIn(b, 'staff', PASSWORD);
    const anonymous = await total(a);
    await redis.stop();
    try {
      const api = await request(a, '/api/search?q=', { cookie });
      expect(api.status).toBe(503);
      expect(api.json).toMatchObject({ error: { code: 'session_unavailable' } });
      // What failed is logged with the request's id, as every line written while answering it.
      const requestId = api.headers.get('x-request-id');
      const logged = (servers[0]?.output() ?? '')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; requestId?: string; level: string });
      expect(logged).toContainEqual(
        expect.objectContaining({ msg: 'Failed to read the session', requestId, level: 'error' }),
      );
      const page = await request(a, '/search?q=', { cookie });
      expect(page.status).toBe(503);
      expect(page.body).toContain('Không kiểm tra được phiên đăng nhập');
      // Anonymous visitors never touch Redis.
      expect(await total(a)).toBe(anonymous);
      expect(await total(b)).toBe(anonymous);
      const login = await request(b, '/login', {
        method: 'POST',
        form: { username: 'staff', password: PASSWORD },
      });
      expect(login.status).toBe(503);
    } finally {
      await redis.start();
    }
    // Back, without restarting either server: the same session works on both.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await request(a, '/api/search?q=', { cookie })).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect(await total(a, cookie)).toBeGreaterThan(anonymous);
    expect(await total(b, cookie)).toBeGreaterThan(anonymous);
    const verified = await runCli('audit.ts', ['verify'], {
      ...shared,
      DATA_DIR: path.join(work.dir, 'b'),
    });
    expect(verified.code, verified.stdout).toBe(0);
  });
});
