/**
 * A lock between processes that dies with its holder: an exclusive SQLite
 * transaction on a lock file (fcntl locks underneath). A process killed with
 * SIGKILL releases it at once, so nobody waits for a stale lock to time out
 * and nobody takes over a lock that is still held.
 */
import { DatabaseSync } from 'node:sqlite';
import { VankhoError } from '../errors.ts';

/** The lock was still held by another process when the wait ended. */
export class LockBusyError extends VankhoError {
  override name = 'LockBusyError';
}

/** Takes the lock on `file`, waiting up to `waitMs`; returns its release. */
export async function acquireLock(file: string, waitMs: number): Promise<() => void> {
  const db = new DatabaseSync(file);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      return () => {
        if (db.isOpen) {
          db.exec('ROLLBACK');
          db.close();
        }
      };
    } catch (error) {
      if (!/locked|busy/i.test((error as Error).message) || Date.now() >= deadline) {
        db.close();
        throw new LockBusyError(`${file} is held by another process`, { cause: error });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
