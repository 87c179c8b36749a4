/**
 * The Redis that portal servers share when REDIS_URL is set: sessions,
 * login-throttling counters, and the audit trail with its head. One client
 * per process and purpose, created on first use.
 *
 * While Redis is away a command fails within about a second instead of
 * waiting for it (one reconnection attempt per command), so a signed-in
 * request is answered 503 at once; the client reconnects by itself and the
 * next request works again, without a restart.
 */
import { logError, logger } from '../log.ts';
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import type { Config } from '../config/env.ts';
import { VankhoError } from '../errors.ts';

/** Redis could not answer: what needs it (a session, a login, an audit record) must wait. */
export class SharedStateUnavailableError extends VankhoError {
  override name = 'SharedStateUnavailableError';
}

export const REDIS_OPTIONS: RedisOptions = {
  connectTimeout: 2_000,
  commandTimeout: 2_000,
  maxRetriesPerRequest: 1,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 1_000),
};

export type SharedRedisConfig = Pick<Config, 'redisUrl' | 'indexPrefix'>;

const clients = new Map<string, Redis>();

// Loaded when REDIS_URL is first used: a command without Redis (an ingest, a backup) does not
// load its client. ioredis is CommonJS, so it loads synchronously, as a client is asked for.
const require = createRequire(import.meta.url);
const redisClass = () => (require('ioredis') as typeof import('ioredis')).Redis;

/** The process's client for this Redis, or none when REDIS_URL is not set. */
export function sharedRedis(config: SharedRedisConfig): Redis | undefined {
  if (!config.redisUrl) return undefined;
  let client = clients.get(config.redisUrl);
  if (!client) {
    const RedisClient = redisClass();
    client = new RedisClient(config.redisUrl, REDIS_OPTIONS);
    reportOutages(client, 'shared state');
    clients.set(config.redisUrl, client);
  }
  return client;
}

/**
 * Reconnecting is ioredis's job, and each request that needs Redis meanwhile
 * fails with its own error; the outage itself is said once when it starts and
 * once when it ends, not on every reconnection attempt.
 */
export function reportOutages(client: Redis, what: string): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logError(`Redis (${what}) is unreachable: signed-in requests get 503 until it returns`, error);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.warn(`Redis (${what}) is reachable again`);
  });
}

/** A key of this portal's namespace: several portals (INDEX_PREFIX) may share one Redis. */
export function redisKey(config: SharedRedisConfig, ...parts: string[]): string {
  return [config.indexPrefix, ...parts].join(':');
}

/** Runs a Redis call, turning a failure to reach it into SharedStateUnavailableError. */
export async function viaRedis<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    throw new SharedStateUnavailableError(`Redis could not ${what}`, { cause });
  }
}

/** Closes this process's clients (scripts end with it; a server at shutdown). */
export async function closeSharedRedis(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.allSettled(open.map((client) => client.quit()));
}
