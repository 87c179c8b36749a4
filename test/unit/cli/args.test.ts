import { describe, expect, it } from 'vitest';
import { UsageError, wholeNumberOption } from '../../../src/cli/args.ts';

describe('wholeNumberOption', () => {
  it('reads a whole number within its range, and nothing when the option is absent', () => {
    expect(wholeNumberOption('docs', '20000')).toBe(20_000);
    expect(wholeNumberOption('seed', '0', 0)).toBe(0);
    expect(wholeNumberOption('workers', '64', 1, 64)).toBe(64);
    expect(wholeNumberOption('docs', undefined)).toBeUndefined();
  });

  it('names the option and what it expected for anything else', () => {
    expect(() => wholeNumberOption('docs', '0')).toThrow(
      new UsageError('--docs: expected a whole number of 1 or more, got "0".'),
    );
    expect(() => wholeNumberOption('workers', '65', 1, 64)).toThrow(
      '--workers: expected a whole number from 1 to 64, got "65".',
    );
    for (const bad of ['1.5', '-3', '1e3', ' 7', 'abc', '']) {
      expect(() => wholeNumberOption('max-documents', bad), bad).toThrow(UsageError);
    }
  });
});
