/**
 * Keeps the portal's managed Meilisearch alive: when the server dies (a crash,
 * an OOM kill, `kill -9`), it is started again on the same port, so that the
 * pages find it at the URL they were given, with a growing pause between
 * attempts, and every death and restart is logged.
 */
import type { Config } from '../config/env.ts';
import { isAlive } from '../process.ts';
import { startMeili, type MeiliConnection } from './server.ts';

export interface Supervisor {
  /** The connection in use now (a restart replaces it). */
  current(): MeiliConnection;
  /** Stops watching and leaves the server (the last user stops it). */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** How often the server's pid is checked. */
  intervalMs?: number;
  /** The first pause before a restart, doubled after each failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export function superviseMeili(
  config: Config,
  connection: MeiliConnection,
  log: (line: string) => void,
  options: SuperviseOptions = {},
): Supervisor {
  const { intervalMs = 500, backoffMs = 500, maxBackoffMs = 30_000 } = options;
  let current = connection;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pause = backoffMs;
  const port = Number(new URL(connection.url).port);

  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(() => void check(), ms).unref();
  };
  const check = async () => {
    const pid = current.pid;
    if (pid === undefined || isAlive(pid)) {
      pause = backoffMs;
      schedule(intervalMs);
      return;
    }
    log(`Meilisearch (pid ${String(pid)}) is gone; starting it again on port ${String(port)}`);
    try {
      const next = await startMeili(config, { port });
      // Leave the dead server's registration; the new one is joined or owned now.
      await current.stop().catch(() => undefined);
      if (stopped) {
        await next.stop();
        return;
      }
      current = next;
      log(
        next.managed
          ? `Meilisearch restarted (pid ${String(next.pid)}) at ${next.url}`
          : `Meilisearch is back (pid ${String(next.pid)}, started by another process) at ${next.url}`,
      );
      pause = backoffMs;
      schedule(intervalMs);
    } catch (error) {
      log(
        `Meilisearch could not be restarted: ${(error as Error).message}; next attempt in ${String(pause)} ms`,
      );
      schedule(pause);
      pause = Math.min(pause * 2, maxBackoffMs);
    }
  };
  // Only a server this data folder manages can be restarted; MEILI_URL is someone else's.
  if (connection.pid !== undefined) schedule(intervalMs);

  return {
    current: () => current,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current.stop();
    },
  };
}
