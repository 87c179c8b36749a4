import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageProgress, startProgress } from '../../../src/cli/progress.ts';

describe('pageProgress', () => {
  it('estimates what is left of a scan from the time its pages took so far', () => {
    // 37 pages in 111 s: 3 s a page, 463 pages left.
    expect(pageProgress(37, 500, 111_000)).toBe('page 37 of 500, about 23 min left');
    expect(pageProgress(2, 3, 4_000)).toBe('page 2 of 3, about 2 s left');
    expect(pageProgress(3, 3, 9_000)).toBe('page 3 of 3, done');
    expect(pageProgress(0, 3, 0)).toBe('page 0 of 3, starting');
  });
});

describe('startProgress on plain output', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('says each step after the files once the run has said its progress', () => {
    expect(process.stderr.isTTY).toBeFalsy();
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => lines.push(line));
    const small = startProgress('ingest');
    for (let done = 1; done <= 3; done++) small.update(done, `${String(done)}.txt`);
    small.step('resolving citations anew');
    // A run of three files says nothing, as before there were steps.
    expect(lines).toEqual([]);
    const large = startProgress('ingest');
    for (let done = 1; done <= 1000; done++) large.update(done, `${String(done)}.txt`);
    large.step('resolving citations anew');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ingest: 1000 files, \d+\/s$/);
    expect(lines[1]).toMatch(/^ingest: resolving citations anew… \(at \d+ s\)$/);
  });
});
