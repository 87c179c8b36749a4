import { describe, expect, it } from 'vitest';
import { numberQueryKeys, parseNumberQuery } from '../../../src/search/numbers.ts';
import { repairQuery } from '../../../src/search/repair.ts';

describe('repairQuery', () => {
  it.each([
    ['nghij quyeets', 'nghị quyết'],
    ['quyeets ddinhj', 'quyết định'],
    ['chir thij', 'chỉ thị'],
    ['luwu truwx', 'lưu trữ'],
    ['giaos ducj', 'giáo dục'],
    ['nghi5 quye6t1', 'nghị quyết'],
    ['d9ie6u2 1', 'điều 1'],
  ])('repairs %s into %s', (typed, meant) => {
    expect(repairQuery(typed)).toBe(meant);
  });

  it('leaves English, numbers and text with diacritics alone', () => {
    expect(repairQuery('annual report on archives')).toBeUndefined();
    expect(repairQuery('nghị quyết 57')).toBeUndefined();
    expect(repairQuery('57-NQ/TW')).toBeUndefined();
  });
});

describe('numberQueryKeys', () => {
  it.each([
    ['57-NQ/TW', ['57-nq-tw', '57-nq']],
    ['57/NQ-TW', ['57-nq-tw', '57-nq']],
    ['57-nq-tw', ['57-nq-tw', '57-nq']],
    ['57 NQ TW', ['57-nq-tw', '57-nq']],
    ['NQ 57', ['57-nq']],
    ['nghị quyết 57', ['57-nq']],
    ['nghi quyet so 57', ['57-nq']],
    ['12/QĐ-UBND', ['12-qd-ubnd', '12-qd']],
    ['12/QD-UBND', ['12-qd-ubnd', '12-qd']],
  ])('reads %s as a number', (query, keys) => {
    expect(numberQueryKeys(query)).toEqual(keys);
  });

  it('does not take words for numbers', () => {
    expect(numberQueryKeys('chuyển đổi số')).toEqual([]);
    expect(numberQueryKeys('2024')).toEqual([]);
    expect(numberQueryKeys('báo cáo năm 2024 về lưu trữ điện tử')).toEqual([]);
  });
});

describe('parseNumberQuery', () => {
  it('names the exact key only when the whole query is a number as written', () => {
    expect(parseNumberQuery('57-NQ/TW')).toEqual({
      keys: ['57-nq-tw', '57-nq'],
      exact: '57-nq-tw',
    });
    expect(parseNumberQuery('57/NQ-TW').exact).toBe('57-nq-tw');
    expect(parseNumberQuery('NQ 57')).toEqual({ keys: ['57-nq'], exact: undefined });
    expect(parseNumberQuery('nghị quyết số 57')).toEqual({ keys: ['57-nq'], exact: undefined });
    expect(parseNumberQuery('chuyển đổi số')).toEqual({ keys: [], exact: undefined });
  });
});
