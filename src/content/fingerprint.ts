/**
 * What the content folder looks like, cheaply: a hash of every document file's
 * path, size and modification time. Equal fingerprints mean nothing was
 * written; the catalog and the index both compare them to know what changed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { documentFiles } from './store.ts';

export async function contentFingerprint(contentDir: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const file of documentFiles(contentDir)) {
    const stat = await fs.stat(file);
    hash.update(
      `${path.relative(contentDir, file)}\0${String(stat.size)}\0${String(stat.mtimeMs)}\n`,
    );
  }
  return hash.digest('hex');
}
