/**
 * The abbreviations staff use, both ways: "NQ" finds "nghị quyết" and the
 * reverse. Written with and without diacritics, since queries come both ways.
 * The kinds' signs ("NQ", "QĐ"…) are those of schema/types.ts.
 */
import { foldVietnamese as fold } from '../schema/fold.ts';
import { SIGNED_TYPES } from '../schema/types.ts';

// The kinds' signs come from the one table of kinds; the issuers' abbreviations are kept here.
const ISSUERS: readonly [string, string][] = [
  ['tw', 'trung ương'],
  ['bch', 'ban chấp hành'],
  ['ubnd', 'ủy ban nhân dân'],
  ['tp', 'thành phố'],
  ['bct', 'bộ chính trị'],
];

const PAIRS: readonly [string, string][] = [
  ...SIGNED_TYPES.flatMap(({ sign, vi }): [string, string][] => {
    const short = sign.toLowerCase();
    const long = vi.toLowerCase();
    // "QĐ" is typed "qd" as often: both spellings lead to the kind.
    return fold(short) === short
      ? [[short, long]]
      : [
          [short, long],
          [fold(short), long],
        ];
  }),
  ...ISSUERS,
];

export const SYNONYMS: Record<string, string[]> = (() => {
  const synonyms: Record<string, string[]> = {};
  const add = (from: string, to: string) => {
    const list = (synonyms[from] ??= []);
    if (!list.includes(to)) list.push(to);
  };
  for (const [short, long] of PAIRS) {
    add(short, long);
    add(long, short);
    add(fold(long), short);
  }
  return synonyms;
})();
