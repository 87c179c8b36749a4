/**
 * Whether the index reflects the content folder: the content fingerprint and
 * the index's shape (record version and settings), compared with the ones
 * recorded at the last rebuild or update.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../content/store.ts';
import { INDEX_SETTINGS } from './settings.ts';

// Raise when the record shape changes, so that every archive is reindexed.
const RECORD_VERSION = 6;

const stateSchema = z.object({
  /** The content fingerprint (content/fingerprint.ts) the index was built from. */
  fingerprint: z.string(),
  /** INDEX_SHAPE when it was built. */
  shape: z.string(),
  /** The quick fingerprint (shard folder times) of the same content. */
  quick: z.string(),
  documents: z.number().int().nonnegative(),
  /** What Meilisearch counts: one record per section. */
  records: z.number().int().nonnegative(),
  indexedAt: z.string(),
});
export type IndexState = z.infer<typeof stateSchema>;

/** What the index is built with besides the content: a change means every archive is reindexed. */
export const INDEX_SHAPE = createHash('sha256')
  .update(JSON.stringify({ RECORD_VERSION, INDEX_SETTINGS }))
  .digest('hex');

function stateFile(dataDir: string, prefix: string): string {
  return path.join(dataDir, `index-state-${prefix}.json`);
}

/** A state file read with its schema; missing, damaged or from another version: undefined. */
async function readState<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Only means: rebuild (or start the rebuild over), which is slower, never wrong.
  const parsed = schema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

export async function readIndexState(
  dataDir: string,
  prefix: string,
): Promise<IndexState | undefined> {
  return readState(stateFile(dataDir, prefix), stateSchema);
}

export async function writeIndexState(dataDir: string, prefix: string, state: IndexState) {
  await writeFileAtomic(stateFile(dataDir, prefix), JSON.stringify(state, null, 2));
}

const progressSchema = z.object({
  /** The staging index being filled. */
  staging: z.string(),
  /** The content it is filled from, and the index's shape: resumed only if both still match. */
  fingerprint: z.string(),
  shape: z.string(),
  /** Document files read so far, in `documentFiles` order; their records are all enqueued. */
  files: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  invalid: z.array(z.object({ file: z.string(), reason: z.string() })),
  /** Seconds the rebuild has run so far, over all its runs. */
  seconds: z.number().nonnegative(),
});
/** How far an unfinished rebuild got: a rebuild of a million documents takes hours. */
export type RebuildProgress = z.infer<typeof progressSchema>;

function progressFile(dataDir: string, prefix: string): string {
  return path.join(dataDir, `index-rebuild-${prefix}.json`);
}

export async function readRebuildProgress(
  dataDir: string,
  prefix: string,
): Promise<RebuildProgress | undefined> {
  return readState(progressFile(dataDir, prefix), progressSchema);
}

export async function writeRebuildProgress(
  dataDir: string,
  prefix: string,
  progress: RebuildProgress,
) {
  await writeFileAtomic(progressFile(dataDir, prefix), JSON.stringify(progress));
}

export async function removeRebuildProgress(dataDir: string, prefix: string) {
  await fs.rm(progressFile(dataDir, prefix), { force: true });
}
