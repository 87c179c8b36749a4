import { describe, expect, it } from 'vitest';
import en from '../../../src/i18n/en.ts';
import { contentLang, localePath, splitLocale, strings } from '../../../src/i18n/index.ts';
import vi from '../../../src/i18n/vi.ts';

describe('the interface languages', () => {
  it('has every string in both, with the same {slots}', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(slots(en[key]), key).toEqual(slots(vi[key]));
    }
  });

  it('puts English pages under /en/ and reads the language back from a path', () => {
    expect(localePath('en', '/search?q=x')).toBe('/en/search?q=x');
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('vi', '/search')).toBe('/search');
    expect(splitLocale('/en/documents/a')).toEqual({ locale: 'en', path: '/documents/a' });
    expect(splitLocale('/en')).toEqual({ locale: 'en', path: '/' });
    // A Vietnamese page whose name starts with "en" is not English.
    expect(splitLocale('/entries')).toEqual({ locale: 'vi', path: '/entries' });
  });

  it('writes dates, sizes and labels as each language does', () => {
    expect(strings('vi').formatDay('1997-08-14')).toBe('14/08/1997');
    expect(strings('en').formatDay('1997-08-14')).toBe('14 Aug 1997');
    expect(strings('en').formatSize(5719)).toBe('5.7 kB');
    expect(strings('vi').formatSize(5719)).toBe('5,7 kB');
    expect(strings('en').facetLabel('type', 'resolution')).toBe('Resolution');
    expect(strings('en').facetLabel('language', 'fr')).toBe('French');
    expect(strings('en').t('search.results', { total: 3 })).toBe('3 results');
  });

  it('marks content language only when it differs from the interface’s', () => {
    expect(contentLang('en', 'vi')).toBe('en');
    expect(contentLang('vi', 'vi')).toBeUndefined();
    expect(contentLang('und', 'en')).toBeUndefined();
    expect(contentLang('not a tag', 'en')).toBeUndefined();
  });
});
