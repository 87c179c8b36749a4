/**
 * Facet names are declared once here. They drive the index settings, the
 * search filters and the labels on every page.
 */
import { yearOf, type ArchiveDocument } from './document.ts';

export const FACET_NAMES = [
  'type',
  'issuer',
  'year',
  'language',
  'status',
  'classification',
  'subjects',
  'collection',
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/** Facets whose values are open-ended, not a fixed list: long, so narrowed by typing. */
export const OPEN_FACETS: readonly FacetName[] = ['issuer', 'year', 'subjects'];

export function isFacetName(name: string): name is FacetName {
  return (FACET_NAMES as readonly string[]).includes(name);
}

/** What the facets are read from. */
export type Faceted = Pick<
  ArchiveDocument,
  | 'type'
  | 'issuer'
  | 'issued'
  | 'language'
  | 'status'
  | 'classification'
  | 'subjects'
  | 'collection'
>;

/** The values a document contributes to each facet (always a list). */
export function facetValues(doc: Faceted): Record<FacetName, string[]> {
  const year = yearOf(doc);
  return {
    type: [doc.type],
    issuer: doc.issuer ? [doc.issuer] : [],
    year: year === undefined ? [] : [String(year)],
    language: [doc.language],
    status: [doc.status],
    classification: [doc.classification],
    subjects: doc.subjects,
    collection: doc.collection ? [doc.collection] : [],
  };
}
