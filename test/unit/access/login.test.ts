import type { AstroCookies, AstroSession } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptLogin, returnPath } from '../../../src/access/login.ts';
import sessionDriver from '../../../src/access/session-driver.ts';
import { accessServices } from '../../../src/access/visitor.ts';
import { tempDir } from '../../helpers/temp.ts';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  process.env['DATA_DIR'] = dir;
  await accessServices().accounts.put('thu', 'a long password', 'internal');
});
afterAll(() => cleanup());

/** Enough of a request for a login: a session that can be regenerated and written. */
function request() {
  const session = {
    regenerate: () => Promise.resolve(),
    set: () => undefined,
    sessionID: 'fresh',
  } as unknown as AstroSession;
  const cookies = { set: () => undefined } as unknown as AstroCookies;
  const url = new URL('http://archive.example/login');
  return { session, cookies, url, request: new Request(url) };
}

describe('attemptLogin', () => {
  it('slows an address down after 20 failures, whichever names it tried', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    for (let i = 0; i < 20; i++) {
      const outcome = await attemptLogin(request(), `guess${String(i)}`, 'wrong', '10.0.0.9', now);
      expect(outcome).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await attemptLogin(request(), 'thu', 'a long password', '10.0.0.9', now + 100)).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: 1,
    });
    // Another address is not held up, and the wait passes.
    expect(await attemptLogin(request(), 'thu', 'a long password', '10.0.0.10', now)).toMatchObject(
      {
        ok: true,
      },
    );
    expect(
      await attemptLogin(request(), 'thu', 'a long password', '10.0.0.9', now + 1100),
    ).toMatchObject({ ok: true });
  });
});

describe('returnPath', () => {
  it('keeps paths on this site and refuses everything else', () => {
    expect(returnPath('/documents/x?y=1')).toBe('/documents/x?y=1');
    for (const bad of [null, '', 'https://evil.example/', '//evil.example/', '/\\evil.example']) {
      expect(returnPath(bad)).toBe('/');
    }
  });
});

describe('the session driver', () => {
  it('keeps sessions in DATA_DIR/sessions, or in Redis when REDIS_URL is set', async () => {
    const files = sessionDriver();
    expect(files.name).toBe('fs-lite');
    expect(files.options).toMatchObject({ base: `${dir}/sessions` });
    const { statSync } = await import('node:fs');
    expect(statSync(`${dir}/sessions`).mode & 0o777).toBe(0o700);
    process.env['REDIS_URL'] = 'redis://127.0.0.1:6390/2';
    try {
      const redis = sessionDriver();
      expect(redis.name).toBe('redis');
      expect(redis.options).toMatchObject({
        url: 'redis://127.0.0.1:6390/2',
        base: 'vankho:sessions',
      });
      await redis.dispose?.();
    } finally {
      delete process.env['REDIS_URL'];
    }
  });
});
