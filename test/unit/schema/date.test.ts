import { describe, expect, it } from 'vitest';
import {
  dayFromInput,
  findVietnameseDate,
  isoDateOf,
  isoDateToTimestamp,
} from '../../../src/schema/date.ts';

describe('dates', () => {
  it('reads "ngày … tháng … năm …"', () => {
    expect(findVietnameseDate('Hà Nội, ngày 29 tháng 11 năm 2024')).toBe('2024-11-29');
    expect(findVietnameseDate('Huế, ngày 3 tháng 2 năm 2009')).toBe('2009-02-03');
  });

  it('reads decomposed (NFD) text too', () => {
    expect(findVietnameseDate('Hà Nội, ngày 1 tháng 6 năm 2010'.normalize('NFD'))).toBe(
      '2010-06-01',
    );
  });

  it('reads a typed day: day first with / . or -, or ISO; never a day that does not exist', () => {
    expect(dayFromInput('14/08/1997')).toBe('1997-08-14');
    expect(dayFromInput(' 3.2.2009 ')).toBe('2009-02-03');
    expect(dayFromInput('1997-08-14')).toBe('1997-08-14');
    for (const bad of ['08/14/1997', '29/02/2023', '1997-8-14', '14/08/97', 'hôm nay', '']) {
      expect(dayFromInput(bad), bad).toBeUndefined();
    }
  });

  it('refuses days that do not exist', () => {
    expect(findVietnameseDate('ngày 31 tháng 2 năm 2024')).toBeUndefined();
    expect(isoDateOf(2023, 2, 29)).toBeUndefined();
    expect(isoDateOf(2024, 2, 29)).toBe('2024-02-29');
  });

  it('turns an ISO date into UTC seconds', () => {
    expect(isoDateToTimestamp('1970-01-02')).toBe(86_400);
  });
});
