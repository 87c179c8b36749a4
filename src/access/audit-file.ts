/**
 * The audit chain in files: DATA_DIR/audit.log, one JSON line per record, and
 * DATA_DIR/audit.head. Several processes on one DATA_DIR (portal servers,
 * `npm run users`) append under a lock that dies with its holder, each
 * continuing from the line on disk, never from memory.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { acquireLock, LockBusyError } from '../content/process-lock.ts';
import {
  AuditUnavailableError,
  completesHead,
  GENESIS,
  type AuditChain,
  type AuditRecord,
  type Head,
} from './audit-chain.ts';

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

/** Runs `work` while no record can be appended to the files in `dataDir`. */
export async function withAuditLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const release = await lock(auditFiles(dataDir).lock);
  try {
    return await work();
  } finally {
    release();
  }
}

async function readHeadFile(file: string): Promise<Head | undefined> {
  return fs.readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Head,
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    },
  );
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

async function* linesOf(file: string): AsyncIterable<string> {
  const input = createReadStream(file, 'utf8');
  try {
    yield* readline.createInterface({ input, crlfDelay: Infinity });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export class FileChain implements AuditChain {
  readonly #files: ReturnType<typeof auditFiles>;
  readonly #dataDir: string;

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
    this.#files = auditFiles(dataDir);
  }

  get where(): string {
    return this.#files.log;
  }

  async append(make: (head: Head) => AuditRecord): Promise<AuditRecord> {
    let release: (() => void) | undefined;
    try {
      release = await lock(this.#files.lock);
      const record = make(await this.#readHead());
      await fs.appendFile(this.#files.log, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      await this.#writeHead({ seq: record.seq, hash: record.hash });
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

  async #writeHead(head: Head): Promise<void> {
    const temporary = `${this.#files.head}.${String(process.pid)}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(head), { mode: 0o600 });
    await fs.rename(temporary, this.#files.head);
  }

  async #readHead(): Promise<Head> {
    const last = await lastLine(this.#files.log);
    const record = last ? (JSON.parse(last) as AuditRecord) : undefined;
    const fromLog: Head = record
      ? { seq: record.seq, hash: record.hash }
      : { seq: 0, hash: GENESIS };
    const stored = await readHeadFile(this.#files.head);
    if (stored && record && completesHead(record, stored)) {
      // An append whose process died before it moved the head: the line is whole, and chains.
      await this.#writeHead(fromLog);
      return fromLog;
    }
    if (stored && (stored.seq !== fromLog.seq || stored.hash !== fromLog.hash)) {
      throw new AuditUnavailableError(
        `The audit log ${this.#files.log} ends at line ${String(fromLog.seq)} but its head says ${String(stored.seq)}; run \`npm run audit -- verify\``,
      );
    }
    return fromLog;
  }

  read(): Promise<{ lines: AsyncIterable<string>; head: () => Promise<Head | undefined> }> {
    // The head is read once the lines are: a record appended before that is covered by it.
    const files = this.#files;
    return Promise.resolve({ lines: linesOf(files.log), head: () => readHeadFile(files.head) });
  }

  async exportTo(dir: string): Promise<Head | undefined> {
    return withAuditLock(this.#dataDir, async () => {
      const head = await readHeadFile(this.#files.head);
      for (const file of [this.#files.log, this.#files.head]) {
        await fs.copyFile(file, path.join(dir, path.basename(file))).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        });
      }
      return head;
    });
  }
}
