/**
 * `npm run restore`: a fresh content folder and data folder from a backup
 * snapshot, checked whole before anything is written. The search index is
 * not in a backup: the caller rebuilds it from the restored content.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { VankhoError } from '../errors.ts';
import { verifyBackup, type BackupCheck } from './verify.ts';

/** The snapshot does not verify, or a target folder is not new or empty. */
export class RestoreError extends VankhoError {
  override name = 'RestoreError';
}

async function mustBeEmpty(dir: string, what: string): Promise<void> {
  const entries = await fs.readdir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new RestoreError(`Cannot use ${dir} as the ${what}`, { cause: error });
  });
  if (entries.length > 0) {
    throw new RestoreError(`${dir} is not empty: a restore builds a fresh ${what}`);
  }
}

export async function restoreBackup(
  snapshot: string,
  contentDir: string,
  dataDir: string,
): Promise<BackupCheck> {
  await mustBeEmpty(contentDir, 'content folder');
  await mustBeEmpty(dataDir, 'data folder');
  const check = await verifyBackup(snapshot);
  if (check.problems.length > 0) {
    throw new RestoreError(
      `${snapshot} does not verify, so nothing was restored:\n  ${check.problems.slice(0, 20).join('\n  ')}` +
        (check.problems.length > 20 ? `\n  … and ${String(check.problems.length - 20)} more` : ''),
    );
  }
  // Copies, never links: the restored archive shares no file with its backup.
  await fs.cp(path.join(snapshot, 'data', 'content'), contentDir, {
    recursive: true,
    preserveTimestamps: true,
  });
  const data = path.join(snapshot, 'data', 'data');
  await fs.mkdir(dataDir, { recursive: true });
  if (await fs.stat(data).catch(() => undefined)) {
    await fs.cp(data, dataDir, { recursive: true, preserveTimestamps: true });
  }
  return check;
}
