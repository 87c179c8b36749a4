/**
 * The number resolver: a query that names a document number, in any
 * spelling ("57-NQ/TW", "57/NQ-TW", "NQ 57", "nghị quyết 57", "57-nq-tw",
 * D for Đ), becomes the keys under which records carry their numbers.
 */
import { numberKey } from '../schema/number.ts';
import { foldVietnamese } from '../schema/fold.ts';

// Kind words as people type them, folded, to the sign letters of numbers.
const KIND_WORDS: readonly [string, string][] = [
  ['nghi quyet', 'nq'],
  ['quyet dinh', 'qd'],
  ['chi thi', 'ct'],
  ['ket luan', 'kl'],
  ['quy dinh', 'qdi'],
  ['huong dan', 'hd'],
  ['ke hoach', 'kh'],
  ['bao cao', 'bc'],
  ['thong bao', 'tb'],
  ['cong van', 'cv'],
];
const SIGNS = new Set(KIND_WORDS.map(([, sign]) => sign));

function fold(text: string): string {
  return foldVietnamese(text).toLowerCase();
}

/**
 * The number keys a query asks for, or none when it is not a number.
 * "57-NQ/TW" → ["57-nq-tw", "57-nq"]; "NQ 57" and "nghị quyết số 57" → ["57-nq"].
 */
export function numberQueryKeys(query: string): string[] {
  return parseNumberQuery(query).keys;
}

/**
 * The same, and the one key a document must have to be *the* document sought:
 * when the whole query is a number as written ("57-NQ/TW", not "NQ 57").
 */
export function parseNumberQuery(query: string): { keys: string[]; exact: string | undefined } {
  let text = fold(query).replace(/\bso\b/g, ' ');
  for (const [words, sign] of KIND_WORDS)
    text = text.replace(new RegExp(`\\b${words}\\b`, 'g'), sign);
  const tokens = text.split(/[^a-z0-9]+/).filter(Boolean);
  const serial = tokens.find((token) => /^\d{1,5}$/.test(token));
  const none = { keys: [], exact: undefined };
  if (!serial || tokens.length > 6 || tokens.some((t) => !/^(\d+|[a-z]{1,8})$/.test(t)))
    return none;
  const letters = tokens.filter((token) => /^[a-z]+$/.test(token));
  const sign = letters.find((token) => SIGNS.has(token));
  if (!sign) return none;
  // The whole query is a number as written: its canonical key, and the short form.
  const exact = tokens[0] === serial ? numberKey(tokens.join('-')) : undefined;
  const keys = new Set<string>();
  if (exact) keys.add(exact);
  keys.add(`${serial}-${sign}`);
  return { keys: [...keys], exact };
}
