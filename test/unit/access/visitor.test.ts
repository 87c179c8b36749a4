import type { AstroCookies, AstroSession } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessServices,
  ANONYMOUS_VISITOR,
  SESSION_COOKIE,
  startSession,
  visitorOf,
} from '../../../src/access/visitor.ts';
import { tempDir } from '../../helpers/temp.ts';

/** Astro's session and cookies, kept in memory: enough to watch what the module does with them. */
function fakeRequest(protocol = 'http:') {
  const data = new Map<string, unknown>();
  const cookies = new Map<string, { value: string; options: unknown }>();
  const state = { id: 'planted-id', destroyed: false, regenerated: 0 };
  const session = {
    get: (key: string) => Promise.resolve(data.get(key)),
    set: (key: string, value: unknown) => data.set(key, structuredClone(value)),
    destroy: () => {
      state.destroyed = true;
      data.clear();
    },
    regenerate: () => {
      state.regenerated++;
      state.id = `fresh-${String(state.regenerated)}`;
      return Promise.resolve();
    },
    get sessionID() {
      return state.id;
    },
  } as unknown as AstroSession;
  const cookieJar = {
    has: (name: string) => name === SESSION_COOKIE,
    set: (name: string, value: string, options: unknown) => cookies.set(name, { value, options }),
  } as unknown as AstroCookies;
  return {
    context: {
      session,
      cookies: cookieJar,
      url: new URL(`${protocol}//archive.example/`),
      request: new Request(`${protocol}//archive.example/`),
    },
    cookies,
    state,
  };
}

let cleanup: () => Promise<void>;
const IDLE = 600;
const ABSOLUTE = 3600;

beforeAll(async () => {
  const temp = await tempDir();
  cleanup = temp.cleanup;
  process.env['DATA_DIR'] = temp.dir;
  process.env['SESSION_IDLE_SECONDS'] = String(IDLE);
  process.env['SESSION_ABSOLUTE_SECONDS'] = String(ABSOLUTE);
  await accessServices().accounts.put('an', 'a long password', 'confidential');
});
afterAll(() => cleanup());

async function loggedIn(protocol?: string) {
  const request = fakeRequest(protocol);
  const account = accessServices().accounts.get('an');
  if (!account) throw new Error('the test account is missing');
  await startSession(request.context, account);
  return request;
}

describe('visitorOf', () => {
  it('gives a new session id at login and reads the clearance from the account', async () => {
    const { context, cookies, state } = await loggedIn();
    expect(state.regenerated).toBe(1);
    expect(cookies.get(SESSION_COOKIE)).toMatchObject({
      value: 'fresh-1',
      options: { httpOnly: true, sameSite: 'lax', secure: false },
    });
    expect(await visitorOf(context)).toEqual({ user: 'an', clearance: 'confidential' });
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    const { cookies } = await loggedIn('https:');
    expect(cookies.get(SESSION_COOKIE)?.options).toMatchObject({ secure: true });
  });

  it('ends the session after the idle timeout, and keeps it while the visitor is active', async () => {
    const { context, state } = await loggedIn();
    const start = Date.now();
    // Active every 5 minutes for 40 minutes: well past the idle timeout of 10.
    for (let minute = 5; minute <= 40; minute += 5) {
      expect((await visitorOf(context, start + minute * 60_000)).user).toBe('an');
    }
    expect(await visitorOf(context, start + 40 * 60_000 + (IDLE + 1) * 1000)).toEqual(
      ANONYMOUS_VISITOR,
    );
    expect(state.destroyed).toBe(true);
  });

  it('ends the session at the absolute timeout however active the visitor is', async () => {
    const { context } = await loggedIn();
    const start = Date.now();
    for (let minute = 5; minute < ABSOLUTE / 60; minute += 5) {
      expect((await visitorOf(context, start + minute * 60_000)).user).toBe('an');
    }
    expect(await visitorOf(context, start + (ABSOLUTE + 1) * 1000)).toEqual(ANONYMOUS_VISITOR);
  });

  it('follows clearance changes at once and ends sessions of changed passwords and removed accounts', async () => {
    const { accounts } = accessServices();
    const { context } = await loggedIn();
    accounts.setClearance('an', 'internal');
    expect((await visitorOf(context)).clearance).toBe('internal');
    // The password changes a moment after the login.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await accounts.put('an', 'a new long password', 'confidential');
    expect(await visitorOf(context)).toEqual(ANONYMOUS_VISITOR);
    const again = await loggedIn();
    expect((await visitorOf(again.context)).user).toBe('an');
    accounts.remove('an');
    expect(await visitorOf(again.context)).toEqual(ANONYMOUS_VISITOR);
    await accounts.put('an', 'a long password', 'confidential');
  });
});
