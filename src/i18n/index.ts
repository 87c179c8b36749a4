/**
 * The interface in each of its languages: strings, the labels of facet values,
 * dates and sizes as readers of that language write them, and the paths of
 * its pages (Vietnamese at the root, English under /en/).
 */
import type { FacetName } from '../schema/facets.ts';
import en from './en.ts';
import vi from './vi.ts';

export type StringKey = keyof typeof vi;

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

const STRINGS: Record<Locale, Record<StringKey, string>> = { vi, en };
// The language tags of Intl for each interface: English dates as "14 Aug 1997", unambiguous.
const INTL_TAG: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

/** "/en/search" → { locale: "en", path: "/search" }; a Vietnamese path is as it is. */
export function splitLocale(pathname: string): { locale: Locale; path: string } {
  const match = /^\/(en)(\/.*)?$/.exec(pathname);
  if (!match) return { locale: DEFAULT_LOCALE, path: pathname };
  return { locale: 'en', path: match[2] ?? '/' };
}

/** The path of a page in a language: "/search?q=x" → "/en/search?q=x". */
export function localePath(locale: Locale, path: string): string {
  if (locale === DEFAULT_LOCALE || !path.startsWith('/')) return path;
  return path === '/' ? `/${locale}/` : `/${locale}${path}`;
}

export interface Strings {
  locale: Locale;
  /** The string for `key`, with `{name}` slots filled from `values`. */
  t: (key: StringKey, values?: Record<string, string | number>) => string;
  /** A facet value as people read it: "resolution" → "Nghị quyết"; unknown values as they are. */
  facetLabel: (facet: FacetName, value: string) => string;
  /** "1997-08-14" → "14/08/1997" (vi) or "14 Aug 1997" (en); not an ISO day: as it is. */
  formatDay: (iso: string) => string;
  /** An instant (an ingest time) as a date and time, in UTC, said so. */
  formatInstant: (iso: string) => string;
  /** 5719 → "5,7 kB": a file's size as people read it. */
  formatSize: (bytes: number) => string;
  /** A page's path in this language. */
  path: (path: string) => string;
}

const sizeUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

function makeStrings(locale: Locale): Strings {
  const table = STRINGS[locale];
  const tag = INTL_TAG[locale];
  // Any language code detection may give ("fr", "km", "ast") has a name in the runtime's CLDR data.
  const languageNames = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  const dayFormat = new Intl.DateTimeFormat(
    tag,
    locale === 'vi'
      ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  );
  const instantFormat = new Intl.DateTimeFormat(tag, {
    day: '2-digit',
    month: locale === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  const t: Strings['t'] = (key, values = {}) =>
    table[key].replace(/\{(\w+)\}/g, (slot, name: string) => {
      const value = values[name];
      return value === undefined ? slot : String(value);
    });
  return {
    locale,
    t,
    facetLabel: (facet, value) => {
      const key = `${facet}.${value}`;
      if (key in table) return table[key as StringKey];
      if (facet === 'language' && /^[a-z]{2,3}$/.test(value) && value !== 'und') {
        return languageNames.of(value) ?? value;
      }
      return value;
    },
    formatDay: (iso) => {
      const time = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : NaN;
      return Number.isNaN(time) ? iso : dayFormat.format(time);
    },
    formatInstant: (iso) => {
      const time = Date.parse(iso);
      return Number.isNaN(time) ? iso : instantFormat.format(time);
    },
    formatSize: (bytes) => {
      let value = bytes;
      let unit = 0;
      while (value >= 1000 && unit < sizeUnits.length - 1) {
        value /= 1000;
        unit++;
      }
      return new Intl.NumberFormat(tag, {
        style: 'unit',
        unit: sizeUnits[unit],
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }).format(value);
    },
    path: (path) => localePath(locale, path),
  };
}

const made = new Map<Locale, Strings>(LOCALES.map((locale) => [locale, makeStrings(locale)]));

/** The interface in `locale` (the default language when none is given). */
export function strings(locale: Locale = DEFAULT_LOCALE): Strings {
  const found = made.get(locale);
  if (!found) throw new Error(`No interface strings for "${locale}"`);
  return found;
}

// The Vietnamese interface, for outputs that have one language (OAI-PMH, feeds, the offline edition).
export const { t, facetLabel, formatDay, formatInstant, formatSize } = strings(DEFAULT_LOCALE);

/**
 * The `lang` to put on a document's own words inside a page in `locale`: its
 * language when that differs from the interface's (WCAG 3.1.2), else none.
 */
export function contentLang(language: string, locale: Locale): string | undefined {
  if (language === 'und' || !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(language)) return undefined;
  return language === locale ? undefined : language;
}
