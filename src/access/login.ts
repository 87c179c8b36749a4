/**
 * Logging in and out: throttled per account name and per address, audited,
 * and never telling which of the two fields was wrong.
 */
import type { Account } from './accounts.ts';
import { usernameSchema } from './accounts.ts';
import type { FailureCounter } from './throttle.ts';
import { accessServices, endSession, startSession, type RequestContext } from './visitor.ts';

/**
 * Failures allowed before each further attempt must wait; the wait doubles per
 * failure. An address may be a whole office behind one gateway: it gets more.
 */
const FREE_FAILURES = { account: 5, address: 20 };
const MAX_WAIT_MS = 15 * 60 * 1000;

export type LoginOutcome =
  | { ok: true; account: Account }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

type ThrottleKey = [kind: keyof typeof FREE_FAILURES, key: string];

function throttleKeys(username: string, address: string): ThrottleKey[] {
  const parsed = usernameSchema.safeParse(username);
  return [
    ['account', `account:${parsed.success ? parsed.data : username}`],
    ['address', `address:${address}`],
  ];
}

/** Milliseconds to wait before these keys may try again: 0 while under the free failures. */
async function loginWait(
  counter: FailureCounter,
  keys: ThrottleKey[],
  now: number,
): Promise<number> {
  let wait = 0;
  for (const [kind, key] of keys) {
    const { failures, last } = await counter.failures(key);
    const free = FREE_FAILURES[kind];
    if (failures < free) continue;
    const penalty = Math.min(MAX_WAIT_MS, 1000 * 2 ** (failures - free));
    wait = Math.max(wait, last + penalty - now);
  }
  return wait;
}

export async function attemptLogin(
  context: RequestContext,
  username: string,
  password: string,
  address: string,
  now = Date.now(),
): Promise<LoginOutcome> {
  const { accounts, audit, failures } = accessServices();
  const keys = throttleKeys(username, address);
  const user = username.slice(0, 64);
  const wait = await loginWait(failures, keys, now);
  if (wait > 0) {
    await audit.record({ event: 'login-failed', user, address, outcome: 'throttled' });
    return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
  }
  const account = await accounts.authenticate(username, password);
  if (!account) {
    for (const [, key] of keys) await failures.recordFailure(key, now);
    await audit.record({ event: 'login-failed', user, address, outcome: 'failure' });
    return { ok: false, reason: 'invalid' };
  }
  // The trail must hold the login before the session exists.
  await audit.record({ event: 'login', user: account.name, address, outcome: 'success' });
  await failures.clearFailures(`account:${account.name}`);
  await startSession(context, account);
  return { ok: true, account };
}

export async function logout(
  context: RequestContext,
  user: string | undefined,
  address: string,
): Promise<void> {
  endSession(context);
  if (user)
    await accessServices().audit.record({ event: 'logout', user, address, outcome: 'success' });
}

/** Where to go after login: a path on this site, never another origin. */
export function returnPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next;
}
