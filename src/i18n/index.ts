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
