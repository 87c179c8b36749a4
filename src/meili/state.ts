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

export async function readIndexState(
  dataDir: string,
  prefix: string,
): Promise<IndexState | undefined> {
  const file = stateFile(dataDir, prefix);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // A state file from another version, or damaged, only means: rebuild.
  const parsed = stateSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

export async function writeIndexState(dataDir: string, prefix: string, state: IndexState) {
  await writeFileAtomic(stateFile(dataDir, prefix), JSON.stringify(state, null, 2));
}
