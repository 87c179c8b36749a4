/** Stable ids: the same input path gives the same id on any machine. */
import { createHash } from 'node:crypto';
import { slugify } from '../content/slug.ts';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A readable slug of the file name plus a hash of the collection and the whole
 * relative path: "57-nq-tw-2024-3fa9c0d1e2". The hash ends the id, so shards
 * spread evenly. Without a collection (files ingested before collections
 * existed), the path alone; a NUL, which no path holds, keeps the two apart.
 */
export function documentId(relativePath: string, collection?: string): string {
  const relative = relativePath.normalize('NFC');
  const name = relative.split('/').pop() ?? '';
  const stem = name.replace(/\.[^.]+$/, '');
  const slug = slugify(stem).slice(0, 40).replace(/-+$/, '');
  const hash = sha256(collection === undefined ? relative : `${collection}\0${relative}`).slice(
    0,
    10,
  );
  return slug === 'section' ? `doc-${hash}` : `${slug}-${hash}`;
}
