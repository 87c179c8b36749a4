/**
 * `npm run backup`: one consistent, verifiable snapshot of the archive while
 * the portal runs. A snapshot is a BagIt bag (RFC 8493) in a folder named for
 * its time under the backup folder: `data/content/` (documents, originals,
 * derivatives) and `data/data/` (accounts, audit trail and head, fixity log),
 * with the sha256 of every file. It is incremental: a file unchanged since the
 * newest earlier snapshot (same size and time) is hard-linked from it, so each
 * snapshot is whole on its own and a second backup of a large archive copies
 * only what changed.
 *
 * Left out, as derived and rebuilt: the search index, the catalog, sessions,
 * Meilisearch's key. Consistency: no ingest writes the content folder while it
 * is walked (the ingest lock), no audit record is appended while the trail is
 * copied (the audit lock), and accounts are copied by SQLite (VACUUM INTO).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { finished } from 'node:stream/promises';
import { DatabaseSync } from 'node:sqlite';
import type { AuditChain } from '../access/audit-chain.ts';
import { FileChain } from '../access/audit-file.ts';
import { copyHashed, hashFile, type Hashed } from '../content/copy-hashed.ts';
import { VankhoError } from '../errors.ts';
import { closeBag, fromManifestPath, manifestLine } from '../export/bagit.ts';
import { lockContent } from '../ingest/run-lock.ts';
import { comparePaths, walkSorted } from './walk.ts';

/** The backup folder cannot be used. */
export class BackupUsageError extends VankhoError {
  override name = 'BackupUsageError';
}

export interface BackupReport {
  snapshot: string;
  /** The snapshot files were linked from, if any. */
  base: string | undefined;
  files: number;
  bytes: number;
  copied: number;
  linked: number;
  /** The audit trail's head as copied: a restore's chain ends there. */
  auditHead: string | undefined;
  seconds: number;
}

// Derived or passing files of the content folder: the catalog, locks, interrupted writes.
const skipContent = (relative: string) =>
  relative.split('/').some((part) => part.startsWith('.')) || relative.endsWith('.tmp');

/** A snapshot is complete once its tag manifest is written (closeBag, last). */
export async function isSnapshot(dir: string): Promise<boolean> {
  return Boolean(await fs.stat(path.join(dir, 'tagmanifest-sha256.txt')).catch(() => undefined));
}

/** The newest complete snapshot under `out`, by name (names are times). */
export async function newestSnapshot(out: string): Promise<string | undefined> {
  const names = (await fs.readdir(out).catch(() => [] as string[])).sort().reverse();
  for (const name of names) {
    if (/^\d{8}T\d{6}Z$/.test(name) && (await isSnapshot(path.join(out, name)))) {
      return path.join(out, name);
    }
  }
  return undefined;
}

/** Reads a snapshot's manifest in order, answering "what sha256 did this path have?". */
function manifestCursor(snapshot: string | undefined) {
  const reader =
    snapshot &&
    readline.createInterface({
      input: createReadStream(path.join(snapshot, 'manifest-sha256.txt'), 'utf8'),
      crlfDelay: Infinity,
    });
  const lines = reader ? reader[Symbol.asyncIterator]() : undefined;
  let current: { path: string; sha256: string } | undefined;
  let done = !lines;
  return async (relative: string): Promise<string | undefined> => {
    while (!done && (!current || comparePaths(current.path, relative) < 0)) {
      const next = await lines?.next();
      if (!next || next.done) {
        done = true;
        current = undefined;
        break;
      }
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(next.value);
      if (match?.[1] && match[2]) current = { sha256: match[1], path: fromManifestPath(match[2]) };
    }
    return current?.path === relative ? current.sha256 : undefined;
  };
}

const stamp = (now: Date) =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

export async function writeBackup(
  contentDir: string,
  dataDir: string,
  out: string,
  {
    now = new Date(),
    onFile = () => undefined,
    audit = new FileChain(dataDir),
  }: {
    now?: Date;
    onFile?: () => void;
    /** Where the audit trail is kept (Redis with REDIS_URL): it goes into the backup as files. */
    audit?: AuditChain;
  } = {},
): Promise<BackupReport> {
  const started = performance.now();
  if (!(await fs.stat(path.join(contentDir, 'documents')).catch(() => undefined))?.isDirectory()) {
    throw new BackupUsageError(`${contentDir} holds no archive: it has no documents folder`);
  }
  await fs.mkdir(out, { recursive: true });
  const base = await newestSnapshot(out);
  const name = stamp(now);
  const snapshot = path.join(out, name);
  if (await fs.stat(snapshot).catch(() => undefined)) {
    throw new BackupUsageError(`${snapshot} exists already: one snapshot a second`);
  }
  const staging = path.join(out, `.${name}.partial-${String(process.pid)}`);
  await fs.rm(staging, { recursive: true, force: true });
  const report: BackupReport = {
    snapshot,
    base,
    files: 0,
    bytes: 0,
    copied: 0,
    linked: 0,
    auditHead: undefined,
    seconds: 0,
  };
  const manifest = createWriteStream(path.join(await mkdirp(staging), 'manifest-sha256.txt'));
  const record = async (relative: string, made: Hashed) => {
    if (!manifest.write(manifestLine(made.sha256, relative))) await once(manifest, 'drain');
    report.files++;
    report.bytes += made.bytes;
    onFile();
  };
  try {
    const release = await lockContent(contentDir);
    try {
      const previous = manifestCursor(base);
      for await (const relative of walkSorted(contentDir, skipContent)) {
        const inBag = `data/content/${relative}`;
        const source = path.join(contentDir, relative);
        const target = path.join(staging, inBag);
        await mkdirp(path.dirname(target));
        const known = await previous(inBag);
        const made =
          known && base
            ? await linkUnchanged(source, path.join(base, inBag), target, known)
            : undefined;
        if (made) report.linked++;
        else report.copied++;
        await record(inBag, made ?? (await copyKeepingTime(source, target)));
      }
    } finally {
      release();
    }
    report.auditHead = await copyData(dataDir, audit, path.join(staging, 'data', 'data'), record);
  } finally {
    manifest.end();
    await finished(manifest);
  }
  await closeBag(staging, [
    ['Source-Organization', 'Văn khố'],
    ['Bagging-Date', now.toISOString().slice(0, 10)],
    ['Payload-Oxum', `${String(report.bytes)}.${String(report.files)}`],
    ['Bag-Software-Agent', 'Văn khố (npm run backup)'],
    ['External-Description', 'A backup of a Văn khố archive: content folder and data folder'],
    ['Van-Kho-Snapshot', now.toISOString()],
    ['Van-Kho-Audit-Head', report.auditHead ?? 'none'],
  ]);
  await fs.rename(staging, snapshot);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

async function mkdirp(dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

/** A copy that keeps the source's modification time: the next backup compares against it. */
async function copyKeepingTime(source: string, target: string): Promise<Hashed> {
  const stat = await fs.stat(source);
  const made = await copyHashed(source, target);
  await fs.utimes(target, stat.atime, stat.mtime);
  return made;
}

/**
 * The earlier snapshot's file linked in, when the source has its size and
 * time (within a millisecond); undefined when it changed or cannot be linked.
 */
async function linkUnchanged(
  source: string,
  earlier: string,
  target: string,
  sha256: string,
): Promise<Hashed | undefined> {
  const [now, then] = await Promise.all([fs.stat(source), fs.stat(earlier).catch(() => undefined)]);
  // Within a millisecond: the copy's time was set through a Date (whole milliseconds) and read
  // back through a double, and a file stamped 684.59 ms came back as 685 ms on 2026-11-30,
  // so comparing whole milliseconds copied every file again on some days and not others.
  if (!then || now.size !== then.size || Math.abs(now.mtimeMs - then.mtimeMs) >= 1) {
    return undefined;
  }
  try {
    await fs.link(earlier, target);
  } catch (error) {
    // Another file system: copied instead.
    if ((error as NodeJS.ErrnoException).code === 'EXDEV') return undefined;
    throw error;
  }
  return { sha256, bytes: now.size };
}

/** The data folder's records, in name order; returns the audit head copied ("seq:hash"), if any. */
async function copyData(
  dataDir: string,
  audit: AuditChain,
  target: string,
  record: (relative: string, made: Hashed) => Promise<void>,
): Promise<string | undefined> {
  await fs.mkdir(target, { recursive: true });
  const made = new Map<string, Hashed>();
  const accounts = path.join(dataDir, 'accounts.sqlite');
  if (await fs.stat(accounts).catch(() => undefined)) {
    // SQLite's own consistent copy, whatever the portal is writing meanwhile.
    const db = new DatabaseSync(accounts, { readOnly: true });
    try {
      db.prepare('VACUUM INTO ?').run(path.join(target, 'accounts.sqlite'));
    } finally {
      db.close();
    }
    made.set('accounts.sqlite', await hashFile(path.join(target, 'accounts.sqlite')));
  }
  // The trail and its head as one consistent pair, whatever is appended meanwhile.
  const exported = await audit.exportTo(target);
  for (const name of ['audit.log', 'audit.head']) {
    const file = path.join(target, name);
    if (await fs.stat(file).catch(() => undefined)) made.set(name, await hashFile(file));
  }
  const head = exported && `${String(exported.seq)}:${exported.hash}`;
  const fixity = path.join(dataDir, 'fixity.log');
  if (await fs.stat(fixity).catch(() => undefined)) {
    made.set('fixity.log', await copyHashed(fixity, path.join(target, 'fixity.log')));
  }
  // The manifest in walk order, as verify.ts reads it beside the folder.
  for (const name of [...made.keys()].sort()) {
    const hashed = made.get(name);
    if (hashed) await record(`data/data/${name}`, hashed);
  }
  return head;
}
