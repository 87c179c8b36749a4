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

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
// Whether each UTF-16 code unit is a word character, learned as met: the
// regular expression costs an array per word, this loop nothing.
const wordUnit = new Int8Array(0x10000);

/** Whether the UTF-16 unit at `i` belongs to a WORD (a surrogate: its whole code point decides). */
export function isWordAt(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  if (unit < 0x80) return (unit >= 48 && unit <= 57) || ((unit | 32) >= 97 && (unit | 32) <= 122);
  if (unit >= 0xd800 && unit <= 0xdfff) {
    // Half of a pair: the whole code point decides, from whichever half this is.
    const start = unit >= 0xdc00 && i > 0 ? i - 1 : i;
    return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start) ?? unit));
  }
  let known = wordUnit[unit];
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(unit)) ? 1 : 2;
    wordUnit[unit] = known;
  }
  return known === 1;
}

// Each UTF-16 unit folded and lower-cased on its own, learned as met; NEEDS_WHOLE
// marks units whose folding depends on their neighbours or changes the length:
// marks (NFC composes them), Hangul jamo, surrogates, final-sigma Σ, İ.
const NEEDS_WHOLE = 0xffff;
const UNKNOWN = 0;
const foldedUnit = new Uint16Array(0x10000);
const MARK = /^\p{M}$/u;

function foldUnit(unit: number): number {
  let folded = foldedUnit[unit] ?? NEEDS_WHOLE;
  if (folded !== UNKNOWN) return folded;
  const char = String.fromCharCode(unit);
  const whole = foldVietnamese(char).toLowerCase();
  const jamo =
    (unit >= 0x1100 && unit <= 0x11ff) ||
    (unit >= 0xa960 && unit <= 0xa97f) ||
    (unit >= 0xd7b0 && unit <= 0xd7ff);
  const alone =
    whole.length === 1 &&
    !MARK.test(char) &&
    !jamo &&
    (unit < 0xd800 || unit > 0xdfff) &&
    unit !== 0x03a3 &&
    unit !== 0;
  folded = alone ? whole.charCodeAt(0) : NEEDS_WHOLE;
  foldedUnit[unit] = folded;
  return folded;
}

let buffer = new Uint16Array(4096);
const utf16 = new TextDecoder('utf-16le');

/**
 * Folded and lower-cased: how the portal compares words typed with or without
 * diacritics. Unit by unit from a table (five times cheaper than normalising
 * twice, and it keeps every offset), unless a unit needs its neighbours.
 */
export function foldWord(text: string): string {
  if (buffer.length < text.length) buffer = new Uint16Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const folded = foldUnit(text.charCodeAt(i));
    if (folded === NEEDS_WHOLE) return foldVietnamese(text).toLowerCase();
    buffer[i] = folded;
  }
  return utf16.decode(buffer.subarray(0, text.length));
}

/** The words of a text, folded and lower-cased, in order. */
export function foldedWords(text: string): string[] {
  return foldWord(text.normalize('NFC')).match(WORD) ?? [];
}

/** True when every word of the query starts a word of the value (folded, any order). */
export function valueMatches(value: string, query: string): boolean {
  const have = foldedWords(value);
  return foldedWords(query).every((word) => have.some((w) => w.startsWith(word)));
}

// Which units fold to each unit, for the scripts whose letters fold (Latin with
// Vietnamese, Greek, Cyrillic): learned once, on first use.
let spellings: Map<number, number[]> | undefined;
const FOLDING_RANGES: [number, number][] = [
  [0x0000, 0x052f],
  [0x1e00, 0x1fff],
];

function spellingsOf(unit: number): number[] {
  if (!spellings) {
    spellings = new Map();
    for (const [from, to] of FOLDING_RANGES) {
      for (let u = from; u <= to; u++) {
        const folded = foldUnit(u);
        if (folded === NEEDS_WHOLE || folded === u) continue;
        let list = spellings.get(folded);
        if (!list) spellings.set(folded, (list = []));
        list.push(u);
      }
    }
  }
  return [unit, ...(spellings.get(unit) ?? [])];
}

/**
 * A regular expression source matching, in text as stored (NFC), every
 * spelling that folds to `folded` (a folded word): "luu" matches "lưu", "Lưu"
 * and "LƯU". Finding words this way needs no folded copy of the text.
 */
export function spellingPattern(folded: string): string {
  let source = '';
  for (const char of folded) {
    const point = char.codePointAt(0) ?? 0;
    const points = point > 0xffff ? [point] : spellingsOf(point);
    const escaped = points.map((p) => `\\u{${p.toString(16)}}`).join('');
    source += points.length === 1 ? escaped : `[${escaped}]`;
  }
  return source;
}
