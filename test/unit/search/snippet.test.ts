import { describe, expect, it } from 'vitest';
import {
  highlight,
  MARK_END,
  MARK_START,
  mentions,
  queryWords,
  snippetOf,
} from '../../../src/search/snippet.ts';

const marked = (text: string) => text.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']');
const filler = (n: number, word = 'chữ') => Array.from({ length: n }, () => word).join(' ');

describe('snippetOf', () => {
  it('shows about thirty words around the query, its words marked, whatever their diacritics', () => {
    const text = `${filler(50)} công tác lưu trữ tài liệu ${filler(50)}`;
    const snippet = snippetOf(text, 'luu tru');
    expect(marked(snippet.text)).toBe(`…chữ chữ công tác [lưu] [trữ] tài liệu ${filler(22)}…`);
    expect(snippet.offset).toBe(text.indexOf('lưu'));
  });

  it('prefers the passage holding the most words of the query', () => {
    const text = `lưu ${filler(40)} kho lưu trữ quốc gia ${filler(40)}`;
    expect(marked(snippetOf(text, 'lưu trữ').text)).toContain('kho [lưu] [trữ] quốc gia');
  });

  it('matches the last word as a prefix, as it is still being typed', () => {
    expect(marked(snippetOf('Quy định về chuyển đổi số', 'chuyển đổ').text)).toBe(
      'Quy định về [chuyển] [đổi] số',
    );
  });

  it('falls back to the opening words, with no offset, when no word matches', () => {
    const snippet = snippetOf(filler(40, 'một'), 'quokka');
    expect(snippet.offset).toBeUndefined();
    expect(snippet.text).toBe(`${filler(30, 'một')}…`);
  });

  it('finds the words deep in a long text, and the passage that holds them together', () => {
    // Each word alone early, both together past the first few thousand characters.
    const text = `lưu ${filler(3000)} trữ ${filler(2000)} kho lưu trữ quốc gia ${filler(100)}`;
    const snippet = snippetOf(text, 'lưu trữ');
    expect(marked(snippet.text)).toContain('kho [lưu] [trữ] quốc gia');
    expect(snippet.offset).toBe(text.indexOf('lưu trữ'));
    expect(snippet.text.startsWith('…') && snippet.text.endsWith('…')).toBe(true);
  });

  it('marks a word whole, never a word that merely contains it', () => {
    expect(marked(snippetOf('trữ lượng và lưu trữ', 'ru').text)).toBe('trữ lượng và lưu trữ');
    // Only the last word of the query is a prefix: "so" before "hong" must be whole.
    expect(marked(snippetOf('sông Hồng, trường sở', 'so hong').text)).toBe(
      'sông [Hồng], trường [sở]',
    );
  });

  it('keeps Hindi words whole', () => {
    expect(marked(snippetOf('राष्ट्रीय अभिलेखों का डिजिटल संरक्षण', 'अभिलेखों').text)).toBe(
      'राष्ट्रीय [अभिलेखों] का डिजिटल संरक्षण',
    );
  });
});

describe('highlight', () => {
  it('marks every query word in a title, in any spelling, and nothing else', () => {
    expect(marked(highlight('Ảnh kho LƯU TRỮ quốc gia, lưu giữ', 'luu tru'))).toBe(
      'Ảnh kho [LƯU] [TRỮ] quốc gia, [lưu] giữ',
    );
    expect(highlight('Ảnh tư liệu', '')).toBe('Ảnh tư liệu');
    expect(marked(highlight('Ảnh tư liệu', 'quokka'))).toBe('Ảnh tư liệu');
  });
});

describe('queryWords and mentions', () => {
  it('folds and lower-cases the query, each word once', () => {
    expect(queryWords('Lưu TRỮ lưu')).toEqual(['luu', 'tru']);
  });

  it('finds a heading that names the query', () => {
    expect(mentions('Chương II. Lưu trữ', 'lưu trữ')).toBe(true);
    expect(mentions('Chương II. Khác', 'lưu trữ')).toBe(false);
  });
});
