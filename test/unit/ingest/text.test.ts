import { describe, expect, it } from 'vitest';
import { decodeText, textToTree } from '../../../src/ingest/extract/text.ts';
import { toMarkdown } from '../../../src/ingest/normalise.ts';

describe('decodeText', () => {
  it('decodes UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from('Nghị quyết'))).toBe('Nghị quyết');
    expect(
      decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Nghị quyết')])),
    ).toBe('Nghị quyết');
  });

  it('decodes UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Điều 1', 'utf16le')]);
    expect(decodeText(le)).toBe('Điều 1');
  });

  it('refuses bytes that are not text in a known encoding, naming the encoding', () => {
    expect(() => decodeText(Buffer.from([0x4e, 0x67, 0xff, 0xfe, 0x00, 0xc3]))).toThrow(
      /not valid UTF-8 text/,
    );
  });

  it('refuses an empty file', () => {
    expect(() => decodeText(Buffer.alloc(0))).toThrow('empty file');
  });
});

describe('textToTree', () => {
  it('turns the sections of a legal text into headings, and keeps line breaks', () => {
    const tree = textToTree(
      'BỘ CHÍNH TRỊ\nSố: 57-NQ/TW\n\nChương I\nQuy định chung\n\nĐiều 1. Phạm vi\n\nNội dung.\n',
    );
    expect(toMarkdown(tree)).toBe(
      'BỘ CHÍNH TRỊ\\\nSố: 57-NQ/TW\n\n## Chương I\n\nQuy định chung\n\n### Điều 1. Phạm vi\n\nNội dung.\n',
    );
  });
});
