/**
 * Vietnamese document numbers: "57-NQ/TW", "57/2024/NĐ-CP", "12/QĐ-UBND".
 * The number is the serial, an optional year, then a sign naming the kind of
 * document and its issuer.
 */
import { SIGNED_TYPES, type DocumentType } from './types.ts';
import { foldVietnamese } from './fold.ts';

/** Folds the spelling differences staff make: case, separators, Đ, diacritics. */
export function numberKey(number: string): string {
  return foldVietnamese(number)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-');
}

/**
 * The keys under which a number can be looked up: its canonical key and the
 * short forms people type, serial plus kind: "57-NQ/TW" → ["57-nq-tw", "57-nq"];
 * "57/2024/NĐ-CP" → ["57-2024-nd-cp", "57-nd", "57-2024-nd"].
 */
export function numberKeys(number: string): string[] {
  const key = numberKey(number);
  const parts = key.split('-');
  const serial = parts[0];
  const signIndex = parts.findIndex((part) => /^[a-z]/.test(part));
  const sign = parts[signIndex];
  if (!serial || !/^\d+$/.test(serial) || !sign) return [key];
  const keys = [key, `${serial}-${sign}`];
  const year = parts[1];
  if (signIndex === 2 && year && /^\d{4}$/.test(year)) keys.push(`${serial}-${year}-${sign}`);
  return [...new Set(keys)];
}

// Each sign as its number key ("QĐi" → "qdi"), to the kind it names.
const SIGN_TYPES = new Map(SIGNED_TYPES.map(({ sign, type }) => [numberKey(sign), type]));

/** The document type named by the first letters of a number's sign. */
export function typeFromNumber(number: string): DocumentType | undefined {
  const parts = numberKey(number).split('-');
  const sign = parts.find((part) => /^[a-z]/.test(part));
  if (!sign) return undefined;
  return SIGN_TYPES.get(sign);
}

const SIGN_LETTERS = 'A-ZĐa-zđ';
/** A number as written in running text: serial, optional year, sign. */
export const NUMBER_PATTERN = new RegExp(
  `\\b\\d{1,5}(?:/\\d{4})?[/-][${SIGN_LETTERS}]{1,6}(?:[/-][${SIGN_LETTERS}0-9]{1,10}){0,2}`,
  'gu',
);

/**
 * The number a document gives itself: on the "Số: …" line of its header block,
 * or in an opening line such as "Quyết định số 12/QĐ-UBND về …".
 */
export function findDeclaredNumber(text: string): string | undefined {
  const head = text.slice(0, 2000);
  const line =
    /(?:^|\n)\s*(?:Số|So|No\.?|Number)\s*[:.]?\s*(\S+)/iu.exec(head) ??
    /^\s*\p{Lu}\p{Ll}+(?:\s\p{Ll}+)?\s+(?:số|No\.?)\s+(\S+)/u.exec(head);
  const candidate = line?.[1]?.replace(/[.,;]+$/, '');
  if (!candidate) return undefined;
  NUMBER_PATTERN.lastIndex = 0;
  return NUMBER_PATTERN.test(candidate) ? candidate : undefined;
}
