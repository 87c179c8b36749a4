/**
 * The abbreviations staff use, both ways: "NQ" finds "nghị quyết" and the
 * reverse. Written with and without diacritics, since queries come both ways.
 */
import { foldVietnamese as fold } from '../schema/fold.ts';

const PAIRS: readonly [string, string][] = [
  ['nq', 'nghị quyết'],
  ['qđ', 'quyết định'],
  ['qd', 'quyết định'],
  ['ct', 'chỉ thị'],
  ['kl', 'kết luận'],
  ['hd', 'hướng dẫn'],
  ['kh', 'kế hoạch'],
  ['bc', 'báo cáo'],
  ['tb', 'thông báo'],
  ['cv', 'công văn'],
  ['tw', 'trung ương'],
  ['bch', 'ban chấp hành'],
  ['ubnd', 'ủy ban nhân dân'],
  ['tp', 'thành phố'],
  ['bct', 'bộ chính trị'],
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
