/**
 * Slugs for anchors, ids and file names. Apart from the renderer: an ingest
 * that finds nothing changed needs slugs, and no HTML renderer.
 */
import { foldVietnamese } from '../schema/fold.ts';

/** "Điều 3. Hiệu lực thi hành" → "dieu-3-hieu-luc-thi-hanh". */
export function slugify(text: string): string {
  const slug = foldVietnamese(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'section';
}
