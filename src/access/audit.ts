/**
 * The audit trail: one JSON record per event, each carrying the hash of the
 * record before it, so that a changed or removed record breaks the chain, and
 * a head that holds the last sequence number and hash, so that cutting
 * records off the end is detected too. Kept in files in DATA_DIR
 * (audit-file.ts), or in Redis when REDIS_URL is set (audit-redis.ts), so
 * that servers on separate machines share one chain.
 */
import type { Config } from '../config/env.ts';
import {
  completesHead,
  GENESIS,
  hashOf,
  type AuditChain,
  type AuditFields,
  type AuditRecord,
  type Head,
} from './audit-chain.ts';
import { FileChain } from './audit-file.ts';
import { RedisChain } from './audit-redis.ts';
import { sharedRedis } from './redis.ts';

export {
  AuditUnavailableError,
  type AuditChain,
  type AuditEvent,
  type AuditFields,
  type AuditRecord,
} from './audit-chain.ts';
export { auditFiles, withAuditLock } from './audit-file.ts';

/** Where this configuration keeps its trail: Redis when REDIS_URL is set, else DATA_DIR. */
export function auditChain(
  config: Pick<Config, 'dataDir' | 'redisUrl' | 'indexPrefix'>,
): AuditChain {
  const redis = sharedRedis(config);
  return redis ? new RedisChain(redis, config) : new FileChain(config.dataDir);
}

/** Appends records one at a time, in order, continuing the chain where it is kept. */
export class AuditTrail {
  readonly #chain: AuditChain;
  #queue: Promise<unknown> = Promise.resolve();

  /** On the files of a DATA_DIR, or on a chain from `auditChain(config)`. */
  constructor(where: string | AuditChain) {
    this.#chain = typeof where === 'string' ? new FileChain(where) : where;
  }

  /** Resolves once the record is kept; rejects with AuditUnavailableError otherwise. */
  record(fields: AuditFields): Promise<AuditRecord> {
    const next = this.#queue.then(() =>
      this.#chain.append((head) => {
        const body = {
          seq: head.seq + 1,
          time: new Date().toISOString(),
          ...fields,
          prev: head.hash,
        };
        return { ...body, hash: hashOf(body) };
      }),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every record asked for so far is kept or has failed: a server stopping waits for it. */
  async settled(): Promise<void> {
    await this.#queue;
  }
}

/** The trail of this configuration (see `auditChain`). */
export function openAuditTrail(
  config: Pick<Config, 'dataDir' | 'redisUrl' | 'indexPrefix'>,
): AuditTrail {
  return new AuditTrail(auditChain(config));
}

export interface VerifyReport {
  lines: number;
  problems: { line: number; reason: string }[];
}

/** Reads the whole trail and reports every record that breaks the chain. */
export async function verifyAudit(where: string | AuditChain): Promise<VerifyReport> {
  const chain = typeof where === 'string' ? new FileChain(where) : where;
  const { lines: input, head: headAfter } = await chain.read();
  const problems: VerifyReport['problems'] = [];
  let previous: Head = { seq: 0, hash: GENESIS };
  let last: AuditRecord | undefined;
  let lines = 0;
  for await (const text of input) {
    lines++;
    let record: AuditRecord;
    try {
      record = JSON.parse(text) as AuditRecord;
    } catch {
      problems.push({ line: lines, reason: 'not a JSON record' });
      continue;
    }
    const { hash, ...body } = record;
    if (record.seq !== previous.seq + 1) {
      problems.push({
        line: lines,
        reason: `sequence ${String(record.seq)} follows ${String(previous.seq)}: a line was removed or inserted`,
      });
    }
    if (record.prev !== previous.hash) {
      problems.push({ line: lines, reason: 'does not chain to the line before it' });
    }
    if (hashOf(body) !== hash) problems.push({ line: lines, reason: 'its content was changed' });
    previous = { seq: record.seq, hash };
    last = record;
  }
  const head = await headAfter();
  if (lines > 0 && !head) problems.push({ line: lines, reason: 'the head file is missing' });
  // One whole record past the head is an append whose head was not yet moved (see completesHead).
  const pending = head !== undefined && last !== undefined && completesHead(last, head);
  if (head && !pending && (head.seq !== previous.seq || head.hash !== previous.hash)) {
    problems.push({
      line: lines,
      reason: `the head records line ${String(head.seq)}: lines at the end were removed or changed`,
    });
  }
  return { lines, problems };
}
