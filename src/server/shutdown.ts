/**
 * Work to finish before the server process stops (counted audit records).
 * The registry lives on globalThis: the built site is a separate bundle with
 * its own copy of every module, and `npm start` must reach what it registered.
 */
import { logError } from '../log.ts';

type Closer = () => Promise<void>;

const KEY = Symbol.for('vankho.shutdown');

function closers(): Closer[] {
  const existing = Reflect.get(globalThis, KEY) as Closer[] | undefined;
  if (existing) return existing;
  const created: Closer[] = [];
  Reflect.set(globalThis, KEY, created);
  return created;
}

export function onShutdown(closer: Closer): void {
  closers().push(closer);
}

/** Runs every registered closer once; a failure is logged and the others still run. */
export async function runShutdown(): Promise<void> {
  const pending = closers().splice(0);
  const results = await Promise.allSettled(pending.map((closer) => closer()));
  for (const result of results) {
    if (result.status === 'rejected') logError('A shutdown step failed', result.reason);
  }
}
