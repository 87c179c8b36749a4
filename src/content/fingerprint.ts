/**
 * What the content folder looks like, cheaply: a hash of every document file's
 * path, size and modification time. Equal fingerprints mean nothing was
 * written; the catalog and the index both compare them to know what changed.
 */
import { createHash } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { documentShards, documentsDir } from './store.ts';

export async function contentFingerprint(contentDir: string): Promise<string> {
  const hash = createHash('sha256');
  // Blocking stats, a shard at a time: through the thread pool a stat costs four wake-ups
  // of threads, and this runs once per document (20k documents: 0.3 s instead of 0.9-1.0 s).
  // The event loop still turns between shards, whose folders are read asynchronously.
  for await (const files of documentShards(contentDir)) {
    for (const file of files) {
      const stat = fsSync.statSync(file);
      hash.update(
        `${path.relative(contentDir, file)}\0${String(stat.size)}\0${String(stat.mtimeMs)}\n`,
      );
    }
  }
  return hash.digest('hex');
}

/**
 * The same question in milliseconds, whatever the archive's size: the
 * modification times of the shard folders. Every write of a document renames a
 * file into its shard, which changes the folder's time; so does adding or
 * removing one. A document edited in place by hand is not seen: `npm run index`
 * rebuilds whatever the fingerprint says.
 */
export async function quickFingerprint(contentDir: string): Promise<string> {
  const hash = createHash('sha256');
  const root = documentsDir(contentDir);
  const rootStat = await fs.stat(root).catch(() => undefined);
  hash.update(`root\0${String(rootStat?.mtimeMs ?? 0)}\n`);
  const shards = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  for (const shard of shards
    .filter((entry) => entry.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const stat = await fs.stat(path.join(root, shard));
    hash.update(`${shard}\0${String(stat.mtimeMs)}\n`);
  }
  return hash.digest('hex');
}

/** Both, the quick one first: a write between the two makes them disagree, never agree wrongly. */
export async function fingerprints(contentDir: string): Promise<{ full: string; quick: string }> {
  const quick = await quickFingerprint(contentDir);
  return { quick, full: await contentFingerprint(contentDir) };
}
