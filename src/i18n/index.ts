/** Looks up interface strings and the labels of facet values. */
import type { FacetName } from '../schema/facets.ts';
import vi from './vi.ts';

export type StringKey = keyof typeof vi;

/** The string for `key`, with `{name}` slots filled from `values`. */
export function t(key: StringKey, values: Record<string, string | number> = {}): string {
  return vi[key].replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = values[name];
    return value === undefined ? slot : String(value);
  });
}

// Any language code detection may give ("fr", "km", "ast") has a name in the runtime's CLDR data.
const languageNames = new Intl.DisplayNames(['vi'], { type: 'language', fallback: 'code' });

/**
 * A facet value as people read it: "resolution" → "Nghị quyết", "fr" → "Tiếng Pháp";
 * unknown values as they are.
 */
export function facetLabel(facet: FacetName, value: string): string {
  const key = `${facet}.${value}`;
  if (key in vi) return vi[key as StringKey];
  if (facet === 'language' && /^[a-z]{2,3}$/.test(value) && value !== 'und') {
    return languageNames.of(value) ?? value;
  }
  return value;
}

// Dates as Vietnamese readers write them (14/08/1997); archive dates are days, not instants.
const dayFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const instantFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "1997-08-14" → "14/08/1997"; a value that is not an ISO day is shown as it is. */
export function formatDay(iso: string): string {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : NaN;
  return Number.isNaN(time) ? iso : dayFormat.format(time);
}

/** An instant (an ingest time) as a date and time, in UTC, said so. */
export function formatInstant(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : instantFormat.format(time);
}

const sizeUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** 5719 → "5,6 kB": a file's size as people read it. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < sizeUnits.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat('vi-VN', {
    style: 'unit',
    unit: sizeUnits[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
