/**
 * Whether the index reflects the content folder: a fingerprint of every
 * document file's path, size and modification time, plus the index settings,
 * compared with the one recorded at the last rebuild.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { documentFiles } from '../content/store.ts';
import { writeFileAtomic } from '../content/store.ts';
import { INDEX_SETTINGS } from './settings.ts';

// Raise when the record shape changes, so that every archive is reindexed.
const RECORD_VERSION = 4;

const stateSchema = z.object({
  fingerprint: z.string(),
  documents: z.number().int().nonnegative(),
  /** What Meilisearch counts: one record per section. */
  records: z.number().int().nonnegative(),
  indexedAt: z.string(),
});
export type IndexState = z.infer<typeof stateSchema>;

export async function contentFingerprint(contentDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ RECORD_VERSION, INDEX_SETTINGS }));
  for await (const file of documentFiles(contentDir)) {
    const stat = await fs.stat(file);
    hash.update(
      `${path.relative(contentDir, file)}\0${String(stat.size)}\0${String(stat.mtimeMs)}\n`,
    );
  }
  return hash.digest('hex');
}

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
