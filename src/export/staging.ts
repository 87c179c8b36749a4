/**
 * Where an export is written before it takes the place of the last one: a
 * staging folder beside the target, named for the process, renamed into place
 * when complete, so that a reader never sees half an edition or bag.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from '../process.ts';

const KINDS = ['partial', 'old'] as const;

/**
 * A fresh staging folder for `out`, after removing those of exports that were
 * killed (their process is gone): at a million documents each holds
 * gigabytes, and the fallback search rebuilds beside a portal whose restarts
 * kill it.
 */
export async function stagingFor(out: string): Promise<string> {
  const dir = path.dirname(out);
  const base = path.basename(out);
  for (const name of await fs.readdir(dir).catch(() => [])) {
    for (const kind of KINDS) {
      const pid = name.startsWith(`${base}.${kind}-`)
        ? name.slice(base.length + kind.length + 2)
        : '';
      if (/^\d+$/.test(pid) && Number(pid) !== process.pid && !isAlive(Number(pid))) {
        await fs.rm(path.join(dir, name), { recursive: true, force: true });
      }
    }
  }
  const staging = `${out}.partial-${String(process.pid)}`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging, { recursive: true });
  return staging;
}

/** Puts the complete `staging` in the place of `out`, removing what was there. */
export async function swapInto(staging: string, out: string): Promise<void> {
  const old = `${out}.old-${String(process.pid)}`;
  const hadOld = await fs.rename(out, old).then(
    () => true,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    },
  );
  await fs.rename(staging, out);
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
}
