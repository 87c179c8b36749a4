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

/** A facet value as people read it: "resolution" → "Nghị quyết"; unknown values as they are. */
export function facetLabel(facet: FacetName, value: string): string {
  const key = `${facet}.${value}`;
  return key in vi ? vi[key as StringKey] : value;
}
