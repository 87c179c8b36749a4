/**
 * Who uses the managed Meilisearch of a data folder. A portal, an ingest and an
 * index run that share DATA_DIR share one server: the first starts it, the
 * others join it, and the last one to leave stops it. Nobody stops a server
 * that another live process still uses.
 *
 * `DATA_DIR/meili/server.json` records the server's pid, port and users (pids);
 * every change happens under a lock, so two processes never start two servers
 * on one database.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from '../process.ts';
import { acquireLock } from '../content/process-lock.ts';
import { z } from 'zod';
import { writeFileAtomic } from '../content/store.ts';

const stateSchema = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  users: z.array(z.number().int().positive()),
});
export type ServerState = z.infer<typeof stateSchema>;

export function stateFile(home: string): string {
  return path.join(home, 'server.json');
}

/** The recorded server, or undefined when there is none (or the file is from an older version). */
export async function readState(home: string): Promise<ServerState | undefined> {
  const text = await fs.readFile(stateFile(home), 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const state = stateSchema.safeParse(parsed);
  return state.success ? state.data : undefined;
}

/** The same, for a process `exit` handler, which may not wait. */
export function readStateSync(home: string): ServerState | undefined {
  try {
    const state = stateSchema.safeParse(JSON.parse(readFileSync(stateFile(home), 'utf8')));
    return state.success ? state.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeState(home: string, state: ServerState | undefined): Promise<void> {
  if (state === undefined) await fs.rm(stateFile(home), { force: true });
  else await writeFileAtomic(stateFile(home), `${JSON.stringify(state)}\n`);
}

/**
 * Runs `work` holding the data folder's server lock; a killed holder releases
 * it at once. Starting a server can take a while (a large database loads), so
 * the wait is long.
 */
export async function withServerLock<T>(home: string, work: () => Promise<T>): Promise<T> {
  await fs.mkdir(home, { recursive: true, mode: 0o700 });
  const release = await acquireLock(path.join(home, 'server.lock'), 120_000);
  try {
    return await work();
  } finally {
    release();
  }
}

/**
 * True when `pid` runs the Meilisearch of this data folder: its command line
 * names the folder's database, so a recycled pid (or another archive's server)
 * is never taken for it.
 */
export function isServerOf(pid: number, home: string): boolean {
  try {
    const argv = readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').split('\0');
    return isAlive(pid) && argv.includes(path.join(home, 'data.ms'));
  } catch {
    return false;
  }
}

/** The users that are still running. */
export function liveUsers(state: ServerState): number[] {
  return state.users.filter((pid) => isAlive(pid));
}
