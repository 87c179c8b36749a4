/** Stable ids: the same input path gives the same id on any machine. */
import { createHash } from 'node:crypto';
import { slugify } from '../content/render.ts';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A readable slug of the file name plus a hash of the whole relative path:
 * "57-nq-tw-2024-3fa9c0d1e2". The hash ends the id, so shards spread evenly.
 */
export function documentId(relativePath: string): string {
  const name = relativePath.normalize('NFC').split('/').pop() ?? '';
  const stem = name.replace(/\.[^.]+$/, '');
  const slug = slugify(stem).slice(0, 40).replace(/-+$/, '');
  const hash = sha256(relativePath.normalize('NFC')).slice(0, 10);
  return slug === 'section' ? `doc-${hash}` : `${slug}-${hash}`;
}
