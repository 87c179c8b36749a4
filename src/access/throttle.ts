/**
 * Failed logins counted per account name and per address, for throttling
 * (access/login.ts). In the account store's SQLite by default; in Redis when
 * REDIS_URL is set, so that every portal server counts the same failures.
 */
import type { Redis } from 'ioredis';
import type { AccountStore } from './accounts.ts';
import { redisKey, sharedRedis, viaRedis, type SharedRedisConfig } from './redis.ts';

export interface Failures {
  failures: number;
  /** When the last one happened, in ms since the epoch. */
  last: number;
}

export interface FailureCounter {
  failures(key: string): Promise<Failures>;
  recordFailure(key: string, now: number): Promise<void>;
  clearFailures(key: string): Promise<void>;
}

/** In the account store, beside the accounts (one server, or several on one DATA_DIR). */
class StoreFailures implements FailureCounter {
  readonly #accounts: AccountStore;
  constructor(accounts: AccountStore) {
    this.#accounts = accounts;
  }
  failures(key: string): Promise<Failures> {
    return Promise.resolve(this.#accounts.failures(key));
  }
  recordFailure(key: string, now: number): Promise<void> {
    this.#accounts.recordFailure(key, now);
    return Promise.resolve();
  }
  clearFailures(key: string): Promise<void> {
    this.#accounts.clearFailures(key);
    return Promise.resolve();
  }
}

// A day without failures forgets them (the longest wait is 15 minutes); SQLite forgets at a success.
const FORGET_SECONDS = 24 * 60 * 60;

class RedisFailures implements FailureCounter {
  readonly #redis: Redis;
  readonly #config: SharedRedisConfig;
  constructor(redis: Redis, config: SharedRedisConfig) {
    this.#redis = redis;
    this.#config = config;
  }
  #key(key: string): string {
    return redisKey(this.#config, 'login-failures', key);
  }
  async failures(key: string): Promise<Failures> {
    const [failures, last] = await viaRedis('read the login failures', () =>
      this.#redis.hmget(this.#key(key), 'failures', 'last'),
    );
    return { failures: Number(failures ?? 0), last: Number(last ?? 0) };
  }
  async recordFailure(key: string, now: number): Promise<void> {
    const redisKey = this.#key(key);
    // One transaction: two servers counting at once both count.
    const results = await viaRedis('count a login failure', () =>
      this.#redis
        .multi()
        .hincrby(redisKey, 'failures', 1)
        .hset(redisKey, 'last', String(now))
        .expire(redisKey, FORGET_SECONDS)
        .exec(),
    );
    const failed = results?.find(([error]) => error)?.[0];
    if (failed) throw failed;
  }
  async clearFailures(key: string): Promise<void> {
    await viaRedis('clear the login failures', () => this.#redis.del(this.#key(key)));
  }
}

export function failureCounter(config: SharedRedisConfig, accounts: AccountStore): FailureCounter {
  const redis = sharedRedis(config);
  return redis ? new RedisFailures(redis, config) : new StoreFailures(accounts);
}
