/** "Nghị quyết Đảng" → "Nghi quyet Dang": Vietnamese as typed without diacritics. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** A word: letters with their marks, and digits. The same for snippets, facet search and records. */
export const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Folded and lower-cased: how the portal compares words typed with or without diacritics. */
export function foldWord(text: string): string {
  return foldVietnamese(text).toLowerCase();
}

/** The words of a text, folded and lower-cased, in order. */
export function foldedWords(text: string): string[] {
  return foldWord(text.normalize('NFC')).match(WORD) ?? [];
}
