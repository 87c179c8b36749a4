/**
 * The audit chain in Redis, when REDIS_URL is set: the records in a list and
 * the head beside it, so that portal servers on separate machines append to
 * one chain. Each append is one Lua script that checks the head it was built
 * on is still the head: two servers never both continue the same line (the
 * loser builds again on the new head). Redis must persist (AOF): the README
 * and docs/operations.md say so.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import {
  AuditUnavailableError,
  GENESIS,
  type AuditChain,
  type AuditRecord,
  type Head,
} from './audit-chain.ts';
import { redisKey, type SharedRedisConfig } from './redis.ts';

// KEYS: head, log. ARGV: the head as read ('' for none), the new head, the new line.
// 1: appended; 0: the head moved meanwhile; -1: lines without a head (the chain was cut).
const APPEND = `
local head = redis.call('GET', KEYS[1])
if not head and redis.call('LLEN', KEYS[2]) > 0 then return -1 end
if (head or '') ~= ARGV[1] then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;
const ATTEMPTS = 50;
const PAGE = 1_000;

export class RedisChain implements AuditChain {
  readonly #redis: Redis;
  readonly #keys: { head: string; log: string };
  readonly where: string;

  constructor(redis: Redis, config: SharedRedisConfig) {
    this.#redis = redis;
    this.#keys = { head: redisKey(config, 'audit', 'head'), log: redisKey(config, 'audit', 'log') };
    this.where = `redis ${this.#keys.log}`;
  }

  async #call<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      throw new AuditUnavailableError(`Failed to ${what} the audit trail in ${this.where}`, {
        cause,
      });
    }
  }

  async append(make: (head: Head) => AuditRecord): Promise<AuditRecord> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const text = await this.#call('read', () => this.#redis.get(this.#keys.head));
      const head = text ? (JSON.parse(text) as Head) : { seq: 0, hash: GENESIS };
      const record = make(head);
      const next = JSON.stringify({ seq: record.seq, hash: record.hash });
      const done = await this.#call('append to', () =>
        this.#redis.eval(
          APPEND,
          2,
          this.#keys.head,
          this.#keys.log,
          text ?? '',
          next,
          JSON.stringify(record),
        ),
      );
      if (done === 1) return record;
      if (done === -1) {
        throw new AuditUnavailableError(
          `The audit trail in ${this.where} has records but no head; run \`npm run audit -- verify\``,
        );
      }
    }
    throw new AuditUnavailableError(
      `Could not append to the audit trail in ${this.where}: ${String(ATTEMPTS)} other appends came first`,
    );
  }

  async read(): Promise<{ lines: AsyncIterable<string>; head: () => Promise<Head | undefined> }> {
    // The head and the length read together; lines appended later are not this reading's.
    const [[, headText], [, length]] = (await this.#call('read', () =>
      this.#redis.multi().get(this.#keys.head).llen(this.#keys.log).exec(),
    )) as [[null, string | null], [null, number]];
    const redis = this.#redis;
    const key = this.#keys.log;
    const call = this.#call.bind(this);
    async function* lines() {
      for (let start = 0; start < length; start += PAGE) {
        const stop = Math.min(start + PAGE, length) - 1;
        yield* await call('read', () => redis.lrange(key, start, stop));
      }
    }
    const head = headText ? (JSON.parse(headText) as Head) : undefined;
    return { lines: lines(), head: () => Promise.resolve(head) };
  }

  async exportTo(dir: string): Promise<Head | undefined> {
    const { lines, head } = await this.read();
    const log = await fs.open(path.join(dir, 'audit.log'), 'w', 0o600);
    try {
      for await (const line of lines) await log.write(`${line}\n`);
    } finally {
      await log.close();
    }
    const ending = await head();
    if (ending) {
      await fs.writeFile(path.join(dir, 'audit.head'), JSON.stringify(ending), { mode: 0o600 });
    }
    return ending;
  }

  /** Loads a trail kept in files (a restored backup) into a Redis that holds none. */
  async importFrom(lines: AsyncIterable<string>, head: Head | undefined): Promise<number> {
    const existing = await this.#call('read', () =>
      this.#redis.exists(this.#keys.head, this.#keys.log),
    );
    if (existing > 0) {
      throw new AuditUnavailableError(
        `${this.where} already holds an audit trail; it is never overwritten`,
      );
    }
    let count = 0;
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const pushed = batch;
      batch = [];
      await this.#call('write', () => this.#redis.rpush(this.#keys.log, ...pushed));
    };
    for await (const line of lines) {
      batch.push(line);
      count++;
      if (batch.length >= PAGE) await flush();
    }
    await flush();
    if (head)
      await this.#call('write', () => this.#redis.set(this.#keys.head, JSON.stringify(head)));
    return count;
  }
}
