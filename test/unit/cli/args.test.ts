import { describe, expect, it } from 'vitest';
import { UsageError, urlOption, wholeNumberOption } from '../../../src/cli/args.ts';

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

describe('urlOption', () => {
  it('reads an http(s) URL without its trailing slash, and nothing when absent', () => {
    expect(urlOption('origin', 'https://archive.example.gov.vn/')).toBe(
      'https://archive.example.gov.vn',
    );
    expect(urlOption('origin', 'http://127.0.0.1:4321')).toBe('http://127.0.0.1:4321');
    expect(urlOption('origin', undefined)).toBeUndefined();
  });

  it('names the option for anything else', () => {
    expect(() => urlOption('origin', 'archive.example')).toThrow(
      new UsageError('--origin: expected an http:// or https:// URL, got "archive.example".'),
    );
    expect(() => urlOption('origin', 'ftp://x.example')).toThrow(UsageError);
  });
});
