/**
 * The audit trail: one JSON line per event in DATA_DIR/audit.log, each carrying
 * the hash of the line before it, so that a changed or removed line breaks the
 * chain. A head file holds the last sequence number and hash, so that cutting
 * lines off the end is detected too.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Classification } from '../schema/document.ts';
import { acquireLock, LockBusyError } from '../content/process-lock.ts';
import { VankhoError } from '../errors.ts';

export type AuditEvent =
  | 'view'
  | 'download'
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'account'
  // A BagIt package handed records out: its clearance and how many documents went in.
  | 'bag'
  // An archivist withdrew a document: who, which, why.
  | 'withdraw'
  // A scheduled declassification was applied: which document, from and to which level.
  | 'declassify';

export interface AuditFields {
  event: AuditEvent;
  /** The account name as typed or logged in; undefined for anonymous visitors. */
  user?: string | undefined;
  address?: string | undefined;
  document?: string | undefined;
  /** Why, for a withdrawal. */
  reason?: string | undefined;
  classification?: Classification | undefined;
  outcome:
    | 'allowed'
    | 'refused'
    | 'success'
    | 'failure'
    | 'throttled'
    | 'created'
    | 'updated'
    | 'removed'
    | 'clearance-changed'
    | 'withdrawn'
    | 'declassified';
  /** For account changes: the clearance the account has now. */
  clearance?: Classification | undefined;
  /** For refusals of anonymous visitors, counted per document: how many since `since`. */
  count?: number | undefined;
  since?: string | undefined;
}

export interface AuditRecord extends AuditFields {
  seq: number;
  time: string;
  prev: string;
  hash: string;
}

/** The trail could not be written or does not match its head: restricted access stops. */
export class AuditUnavailableError extends VankhoError {
  override name = 'AuditUnavailableError';
}

const GENESIS = '0'.repeat(64);

export function auditFiles(dataDir: string) {
  return {
    log: path.join(dataDir, 'audit.log'),
    head: path.join(dataDir, 'audit.head'),
    // Not `audit.lock`: versions before held a directory there while appending.
    lock: path.join(dataDir, 'audit-writer.lock'),
  };
}

const LOCK_WAIT_MS = 5_000;

/** Takes the trail's lock, which dies with its holder (content/process-lock.ts). */
async function lock(file: string): Promise<() => void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    return await acquireLock(file, LOCK_WAIT_MS);
  } catch (cause) {
    if (!(cause instanceof LockBusyError)) throw cause;
    throw new AuditUnavailableError(`The audit log lock ${file} is held by another process`, {
      cause,
    });
  }
}

/**
 * Runs `work` while no record can be appended: a backup copies the trail and
 * its head as one consistent pair.
 */
export async function withAuditLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const release = await lock(auditFiles(dataDir).lock);
  try {
    return await work();
  } finally {
    release();
  }
}

function hashOf(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(record.prev).update(JSON.stringify(record)).digest('hex');
}

interface Head {
  seq: number;
  hash: string;
}

/** Appends records one at a time, in order, continuing the chain on disk. */
export class AuditTrail {
  readonly #files: ReturnType<typeof auditFiles>;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.#files = auditFiles(dataDir);
  }

  /** Resolves once the record is on disk; rejects with AuditUnavailableError otherwise. */
  record(fields: AuditFields): Promise<AuditRecord> {
    const next = this.#queue.then(() => this.#append(fields));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #append(fields: AuditFields): Promise<AuditRecord> {
    let release: (() => void) | undefined;
    try {
      // Several processes (portal servers, `npm run users`) may share the trail: each
      // append holds the lock and continues from the line on disk, never from memory.
      release = await lock(this.#files.lock);
      const head = await this.#readHead();
      const body = {
        seq: head.seq + 1,
        time: new Date().toISOString(),
        ...fields,
        prev: head.hash,
      };
      const record = { ...body, hash: hashOf(body) };
      await fs.appendFile(this.#files.log, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      const temporary = `${this.#files.head}.${String(process.pid)}.tmp`;
      await fs.writeFile(temporary, JSON.stringify({ seq: record.seq, hash: record.hash }), {
        mode: 0o600,
      });
      await fs.rename(temporary, this.#files.head);
      return record;
    } catch (cause) {
      if (cause instanceof AuditUnavailableError) throw cause;
      throw new AuditUnavailableError(`Failed to write the audit log ${this.#files.log}`, {
        cause,
      });
    } finally {
      release?.();
    }
  }

  async #readHead(): Promise<Head> {
    const last = await lastLine(this.#files.log);
    const fromLog: Head = last ? (JSON.parse(last) as AuditRecord) : { seq: 0, hash: GENESIS };
    const stored = await fs.readFile(this.#files.head, 'utf8').then(
      (text) => JSON.parse(text) as Head,
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      },
    );
    if (stored && (stored.seq !== fromLog.seq || stored.hash !== fromLog.hash)) {
      throw new AuditUnavailableError(
        `The audit log ${this.#files.log} ends at line ${String(fromLog.seq)} but its head says ${String(stored.seq)}; run \`npm run audit -- verify\``,
      );
    }
    return fromLog;
  }
}

/** The last non-empty line of a file, reading only its end. */
async function lastLine(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    for (let window = 4096; ; window *= 4) {
      const start = Math.max(0, size - window);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n').filter(Boolean);
      if (lines.length > 1 || start === 0) return lines.at(-1);
    }
  } finally {
    await handle.close();
  }
}

export interface VerifyReport {
  lines: number;
  problems: { line: number; reason: string }[];
}

/** Reads the whole trail and reports every line that breaks the chain. */
export async function verifyAudit(dataDir: string): Promise<VerifyReport> {
  const files = auditFiles(dataDir);
  const problems: VerifyReport['problems'] = [];
  let previous: Head = { seq: 0, hash: GENESIS };
  let lines = 0;
  const input = createReadStream(files.log, 'utf8');
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of reader) {
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
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const head = await fs
    .readFile(files.head, 'utf8')
    .then((text) => JSON.parse(text) as Head)
    .catch(() => undefined);
  if (lines > 0 && !head) problems.push({ line: lines, reason: 'the head file is missing' });
  if (head && (head.seq !== previous.seq || head.hash !== previous.hash)) {
    problems.push({
      line: lines,
      reason: `the head records line ${String(head.seq)}: lines at the end were removed or changed`,
    });
  }
  return { lines, problems };
}
