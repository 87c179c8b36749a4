/**
 * The language of a text, as documents and the language facet name it: the
 * ISO 639-1 code where there is one (else ISO 639-3), "und" when there are
 * no letters. For born-digital text and OCR alike.
 */
import { franc } from 'franc';
import { iso6393To1 } from 'iso-639-3';

// franc names languages in ISO 639-3; documents and facets use the two-letter
// code where there is one. Mandarin is filed under Chinese, its macrolanguage.
const TWO_LETTER: Record<string, string> = { ...iso6393To1, cmn: 'zh' };
const THREE_LETTER = new Map<string, string>(
  Object.entries(iso6393To1).map(([three, one]) => [one, three]),
);

/** A language's ISO 639-3 code ("vie" for "vi"); a code that is not ISO 639-1 is returned as it is. */
export function threeLetterCode(language: string): string {
  return THREE_LETTER.get(language) ?? language;
}

// Words so common in English prose that a Latin-script text made one part in
// six of them is English; no other language franc knows writes them that often.
const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to in a is that for on with by as be are was this it or from at an which shall'.split(
    ' ',
  ),
);

/** A cheap first look: franc compares every text with 400 languages (~4 ms), this with one. */
function looksEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return false;
  let common = 0;
  let accented = 0;
  for (const word of words) {
    if (ENGLISH_FUNCTION_WORDS.has(word)) common++;
    else if (/[^a-z]/.test(word)) accented++;
  }
  // Letters outside basic Latin (é, ß, ñ…) in more than a name or two leave the text to franc.
  return accented / words.length <= 0.02 && common / words.length > 1 / 6;
}

/**
 * The language of a text: Vietnamese and Hindi from their letters (fast and
 * sure for these archives), any other from franc's trigrams (French, Russian,
 * Chinese, Khmer…); a text too short to tell is taken as English, as before.
 */
export function detectLanguage(text: string): string {
  // A couple of thousand characters decide it; more only costs time.
  const sample = text.slice(0, 2000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 'und';
  const devanagari = sample.match(/[\u0900-\u097f]/gu)?.length ?? 0;
  if (devanagari / letters > 0.3) return 'hi';
  const vietnamese =
    sample.match(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu)?.length ?? 0;
  if (vietnamese / letters > 0.02) return 'vi';
  if (looksEnglish(sample)) return 'en';
  const found = franc(sample, { minLength: 20 });
  if (found === 'und') return 'en';
  return TWO_LETTER[found] ?? found;
}
