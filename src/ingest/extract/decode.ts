/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, then the
 * legacy Vietnamese encodings of old archives (windows-1258, TCVN3). Text that
 * decodes under none of them is refused, never filled with U+FFFD.
 */
import iconv from 'iconv-lite';
import { RejectedFileError } from './types.ts';

const LEGACY = [
  { name: 'windows-1258', iconv: 'windows-1258' },
  // iconv-lite's TCVN 5712 table covers the TCVN3 (ABC) letters used in old files.
  { name: 'TCVN3', iconv: 'tcvn' },
] as const;

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;
// What a wrong guess produces: controls, replacement characters, Latin-1
// symbols, and combining marks left over after composition.
const IMPLAUSIBLE = /(?![\n\r\t])\p{Cc}|[\ufffd¡-¿×÷æÆ]|\p{Mn}/gu;

/**
 * How Vietnamese a decoding looks. A Vietnamese syllable carries at most one
 * tone and no capital after a small letter; a wrong guess breaks both rules.
 */
function plausibility(text: string): { good: number; bad: number } {
  let good = 0;
  let bad = text.match(IMPLAUSIBLE)?.length ?? 0;
  for (const [word] of text.matchAll(/\p{L}+/gu)) {
    if (!VIETNAMESE_LETTER.test(word)) continue;
    const tones = Array.from(word).filter((char) => TONE.test(char.normalize('NFD'))).length;
    if (tones > 1 || /\p{Ll}\p{Lu}/u.test(word)) bad++;
    else good++;
  }
  return { good, bad };
}

export interface Decoded {
  text: string;
  encoding: string;
}

export function decodeBytes(bytes: Uint8Array, declared?: string): Decoded {
  if (bytes.length === 0) throw new RejectedFileError('empty file');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict(bytes, 'utf-16be');
  try {
    // TextDecoder drops the BOM of the encoding it decodes.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: an older encoding, or not text at all.
  }
  if (declared && iconv.encodingExists(declared) && !/^utf-?8$/i.test(declared)) {
    const text = iconv.decode(Buffer.from(bytes), declared).normalize('NFC');
    if (!text.includes('\ufffd')) return { text, encoding: declared.toLowerCase() };
  }
  let best: (Decoded & { good: number; bad: number }) | undefined;
  for (const candidate of LEGACY) {
    const text = iconv.decode(Buffer.from(bytes), candidate.iconv).normalize('NFC');
    const score = plausibility(text);
    if (!best || score.good - 3 * score.bad > best.good - 3 * best.bad) {
      best = { text, encoding: candidate.name, ...score };
    }
  }
  if (best && best.good > 0 && best.bad <= best.text.length / 200) {
    return { text: best.text, encoding: best.encoding };
  }
  throw new RejectedFileError(
    'not text: neither UTF-8 nor UTF-16, and not recognisable as windows-1258 or TCVN3 Vietnamese',
  );
}

function strict(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch (cause) {
    throw new RejectedFileError(
      `not valid ${encoding.toUpperCase()} text despite its byte order mark`,
      {
        cause,
      },
    );
  }
}
