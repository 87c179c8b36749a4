import type { Hit } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import type { SearchRecord } from '../../../src/meili/records.ts';
import { exactFirst } from '../../../src/search/exact.ts';

const hit = (docId: string, title: string, text: string) =>
  ({ docId, title, _formatted: { text } }) as unknown as Hit<SearchRecord>;

describe('exactFirst', () => {
  const folded = hit('a', 'Luu tru tai lieu', 'ho so luu tru');
  const exact = hit('b', 'Lưu trữ tài liệu', 'hồ sơ lưu trữ');
  const other = hit('c', 'Kế hoạch', 'công tác \u0002lưu\u0003 \u0002trữ\u0003');

  it('puts exact-diacritic matches before folded ones, keeping order otherwise', () => {
    expect(exactFirst([folded, exact, other], 'lưu trữ').map((h) => h.docId)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('leaves the order alone for a query typed without diacritics', () => {
    expect(exactFirst([folded, exact, other], 'luu tru').map((h) => h.docId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
