/** Exact-diacritic matches before folded ones. */
import type { Hit } from 'meilisearch';
import type { SearchRecord } from '../meili/records.ts';

/**
 * Meilisearch folds diacritics, so "lưu trữ" also matches "luu tru". When the
 * query was typed with diacritics, hits that contain its words exactly (in the
 * title or the matched passage) come before the folded ones; order is kept otherwise.
 */
export function exactFirst(hits: Hit<SearchRecord>[], query: string): Hit<SearchRecord>[] {
  const words =
    query
      .normalize('NFC')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (!words.some((word) => /[^a-z]/.test(word))) return hits;
  const isExact = (hit: Hit<SearchRecord>) => {
    const text = `${hit.title} ${hit._formatted?.text ?? ''}`.normalize('NFC').toLowerCase();
    return words.every((word) => text.includes(word));
  };
  const exact = hits.filter(isExact);
  return [...exact, ...hits.filter((hit) => !exact.includes(hit))];
}
