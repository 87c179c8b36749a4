import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../src/ingest/extract/decode.ts';
import { encodeTcvn3, encodeWindows1258 } from '../../helpers/legacy.ts';

const TEXT =
  'Nghị quyết về đổi mới căn bản, toàn diện giáo dục và đào tạo.\nĐiều 1. Phạm vi điều chỉnh của Quyết định số 12/QĐ-UBND.';

describe('decodeBytes', () => {
  it('decodes UTF-8 with and without a BOM, and UTF-16 with a BOM', () => {
    expect(decodeBytes(Buffer.from(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(
      decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])).text,
    ).toBe(TEXT);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(decodeBytes(le)).toEqual({ text: TEXT, encoding: 'utf-16le' });
  });

  it('recognises windows-1258 and TCVN3 and returns NFC text', () => {
    expect(decodeBytes(encodeWindows1258(TEXT))).toEqual({ text: TEXT, encoding: 'windows-1258' });
    expect(decodeBytes(encodeTcvn3(TEXT))).toEqual({ text: TEXT, encoding: 'TCVN3' });
  });

  it('refuses binary data instead of filling it with replacement characters', () => {
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    expect(() => decodeBytes(binary)).toThrow(/not text: neither UTF-8 nor UTF-16/);
  });

  it('refuses an empty file and a broken UTF-16 file', () => {
    expect(() => decodeBytes(Buffer.alloc(0))).toThrow('empty file');
    expect(() => decodeBytes(Buffer.from([0xff, 0xfe, 0x00, 0xd8]))).toThrow(/UTF-16LE/);
  });
});
