import { describe, expect, it } from 'vitest';
import { pageProgress } from '../../../src/cli/progress.ts';

describe('pageProgress', () => {
  it('estimates what is left of a scan from the time its pages took so far', () => {
    // 37 pages in 111 s: 3 s a page, 463 pages left.
    expect(pageProgress(37, 500, 111_000)).toBe('page 37 of 500, about 23 min left');
    expect(pageProgress(2, 3, 4_000)).toBe('page 2 of 3, about 2 s left');
    expect(pageProgress(3, 3, 9_000)).toBe('page 3 of 3, done');
    expect(pageProgress(0, 3, 0)).toBe('page 0 of 3, starting');
  });
});
