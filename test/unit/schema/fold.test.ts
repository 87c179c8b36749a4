import { describe, expect, it } from 'vitest';
import { foldedWords, foldVietnamese, foldWord, isWordAt, WORD } from '../../../src/schema/fold.ts';

// Scripts and cases where folding one unit at a time could differ from folding the whole text.
const TEXTS = [
  'Nghị quyết số 57-NQ/TW của BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG',
  'ΟΔΥΣΣΕΥΣ σοφίας',
  'İstanbul ve Iğdır',
  'cafe\u0301 và Nghi\u0323 quyê\u0301t',
  'क़ानून और डिजिटल अभिलेखों की शिक्षा।',
  '한국어 \u1100\u1161\u11a8',
  '人人生而自由 𠀀𠀁 a𝐀b',
  'ក្រុមប្រឹក្សា ២០២៤',
  'Ünïcödé—«ok» ½ ² ß ﬁ',
];

describe('foldWord', () => {
  it.each(TEXTS)('folds %s as normalising the whole text would', (text) => {
    expect(foldWord(text)).toBe(foldVietnamese(text).toLowerCase());
  });

  it('folds Vietnamese to what is typed without its keyboard', () => {
    expect(foldedWords('Nghị quyết Đảng')).toEqual(['nghi', 'quyet', 'dang']);
  });
});

describe('isWordAt', () => {
  it.each(TEXTS)('finds the words of %s as the WORD pattern does', (text) => {
    const words: string[] = [];
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && isWordAt(text, i)) {
        if (start === -1) start = i;
      } else if (start !== -1) {
        words.push(text.slice(start, i));
        start = -1;
      }
    }
    expect(words).toEqual(text.match(WORD) ?? []);
  });
});
