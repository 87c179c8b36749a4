/** Exact-diacritic matches before folded ones. */

/**
 * Meilisearch folds diacritics, so "lưu trữ" also matches "luu tru". When the
 * query was typed with diacritics, hits that contain its words exactly (in the
 * title or the snippet shown) come before the folded ones; order is kept otherwise.
 */
export function exactFirst<T>(hits: T[], query: string, textOf: (hit: T) => string): T[] {
  const words =
    query
      .normalize('NFC')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (!words.some((word) => /[^a-z]/.test(word))) return hits;
  const isExact = (hit: T) => {
    const text = textOf(hit).normalize('NFC').toLowerCase();
    return words.every((word) => text.includes(word));
  };
  const exact = hits.filter(isExact);
  return [...exact, ...hits.filter((hit) => !exact.includes(hit))];
}
