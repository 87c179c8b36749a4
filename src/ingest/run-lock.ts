/**
 * One ingest at a time per content folder, and what a killed one left behind.
 * Two runs writing the same folder would race on the catalog and on documents;
 * with the lock held, every temporary file in the folder belongs to a run that
 * died, and is removed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { acquireLock, LockBusyError } from '../content/process-lock.ts';
import { VankhoError } from '../errors.ts';

/** Another ingest holds the content folder. */
export class ContentLockedError extends VankhoError {
  override name = 'ContentLockedError';
}

export async function lockContent(contentDir: string): Promise<() => void> {
  await fs.mkdir(contentDir, { recursive: true });
  try {
    return await acquireLock(path.join(contentDir, '.ingest.lock'), 2000);
  } catch (cause) {
    if (!(cause instanceof LockBusyError)) throw cause;
    throw new ContentLockedError(
      `another ingest is writing to ${contentDir}; run again when it has finished`,
      { cause },
    );
  }
}

// The folders writeFileAtomic writes into: `<file>.<pid>.<random>.tmp` until renamed.
const WRITTEN = ['documents', 'originals', 'derivatives'];

/** Removes the temporary files of interrupted writes; returns how many there were. */
export async function removeTemporaries(contentDir: string): Promise<number> {
  let removed = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.name.endsWith('.tmp')) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
  };
  for (const folder of WRITTEN) await walk(path.join(contentDir, folder));
  return removed;
}
