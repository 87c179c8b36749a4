import { describe, expect, it } from 'vitest';
import { exactFirst } from '../../../src/search/exact.ts';

interface Hit {
  docId: string;
  title: string;
  snippet: string;
}
const hit = (docId: string, title: string, snippet: string): Hit => ({ docId, title, snippet });
const textOf = (h: Hit) => `${h.title} ${h.snippet}`;

describe('exactFirst', () => {
  const folded = hit('a', 'Luu tru tai lieu', 'ho so luu tru');
  const exact = hit('b', 'Lưu trữ tài liệu', 'hồ sơ lưu trữ');
  const other = hit('c', 'Kế hoạch', 'công tác \u0002lưu\u0003 \u0002trữ\u0003');

  it('puts exact-diacritic matches before folded ones, keeping order otherwise', () => {
    expect(exactFirst([folded, exact, other], 'lưu trữ', textOf).map((h) => h.docId)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('leaves the order alone for a query typed without diacritics', () => {
    expect(exactFirst([folded, exact, other], 'luu tru', textOf).map((h) => h.docId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
