import { describe, expect, it } from 'vitest';
import {
  findDeclaredNumber,
  NUMBER_PATTERN,
  numberKey,
  typeFromNumber,
} from '../../../src/schema/number.ts';

describe('numberKey', () => {
  it('makes every spelling of a number one key', () => {
    const spellings = ['57-NQ/TW', '57/NQ-TW', '57 NQ TW', '57-nq/tw', ' 57-NQ-TW '];
    expect(new Set(spellings.map(numberKey))).toEqual(new Set(['57-nq-tw']));
  });

  it('folds Đ to D and drops diacritics', () => {
    expect(numberKey('57/2024/NĐ-CP')).toBe('57-2024-nd-cp');
    expect(numberKey('12/QĐ-UBND')).toBe(numberKey('12/QD-UBND'));
    expect(numberKey('12/QĐ-UBND'.normalize('NFD'))).toBe('12-qd-ubnd');
  });

  it('keeps different numbers apart', () => {
    expect(numberKey('57-NQ/TW')).not.toBe(numberKey('58-NQ/TW'));
  });
});

describe('typeFromNumber', () => {
  it.each([
    ['57-NQ/TW', 'resolution'],
    ['12/QĐ-UBND', 'decision'],
    ['05-CT/TW', 'directive'],
    ['14-KL/TW', 'conclusion'],
    ['35-QĐi/TW', 'regulation'],
    ['3/HD-BGDĐT', 'guideline'],
    ['7/KH-UBND', 'plan'],
    ['9/BC-CP', 'report'],
    ['2/TB-TTg', 'announcement'],
    ['44/CV-UBND', 'letter'],
  ])('%s is a %s', (number, type) => {
    expect(typeFromNumber(number)).toBe(type);
  });

  it('says nothing for a sign it does not know', () => {
    expect(typeFromNumber('12/2024/TT-BTC')).toBeUndefined();
  });
});

describe('finding numbers in text', () => {
  it('reads the number from the "Số:" line of the header', () => {
    expect(
      findDeclaredNumber('BỘ CHÍNH TRỊ\nSố: 57-NQ/TW\nHà Nội, ngày 22 tháng 12 năm 2024'),
    ).toBe('57-NQ/TW');
    expect(findDeclaredNumber('NATIONAL ARCHIVES BOARD\nNo. 15/BC-NAB\nHanoi')).toBe('15/BC-NAB');
  });

  it('ignores a "Số" line that holds no document number', () => {
    expect(findDeclaredNumber('Số lượng hồ sơ tăng mạnh')).toBeUndefined();
  });

  it('finds numbers in running text but not dates', () => {
    const text = 'Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 và Nghị định 13/2023/NĐ-CP.';
    expect([...text.matchAll(NUMBER_PATTERN)].map((m) => m[0])).toEqual([
      '57-NQ/TW',
      '13/2023/NĐ-CP',
    ]);
  });
});
