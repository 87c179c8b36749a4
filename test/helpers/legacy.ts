/** Encodes text the way old Vietnamese files were written, to test decoding. */
import iconv from 'iconv-lite';

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u;

/** windows-1258 writes a base letter (with its hat or horn) and then the tone as a combining mark. */
export function encodeWindows1258(text: string): Buffer {
  const parts: string[] = [];
  for (const char of text.normalize('NFC')) {
    const decomposed = char.normalize('NFD');
    const tone = Array.from(decomposed).find((c) => TONES.test(c));
    if (!tone) {
      parts.push(char);
      continue;
    }
    parts.push(decomposed.replace(tone, '').normalize('NFC'), tone);
  }
  const joined = parts.join('');
  const bytes = iconv.encode(joined, 'windows-1258');
  if (iconv.decode(bytes, 'windows-1258') !== joined)
    throw new Error('text not representable in windows-1258');
  return bytes;
}

export function encodeTcvn3(text: string): Buffer {
  const bytes = iconv.encode(text.normalize('NFC'), 'tcvn');
  if (iconv.decode(bytes, 'tcvn') !== text.normalize('NFC'))
    throw new Error('text not representable in TCVN3');
  return bytes;
}
