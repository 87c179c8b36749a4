/** Index settings, derived from the schema's facets and the record shape. */
import type { GranularFilterableAttribute, Settings } from 'meilisearch';
import { FACET_NAMES } from '../schema/facets.ts';
import { RETRIEVED_ATTRIBUTES, type SearchRecord } from './records.ts';
import { SYNONYMS } from './synonyms.ts';

type Attribute = keyof SearchRecord;

// Numbers first: a staff member who types a number wants that document.
export const SEARCHABLE_ATTRIBUTES: readonly Attribute[] = [
  'numberKeys',
  'number',
  'title',
  'headings',
  'summary',
  'subjects',
  'issuer',
  'text',
  'more',
];
/**
 * Each filterable attribute with only the features something uses: Meilisearch
 * builds a structure per feature while indexing. Facets are searched by value
 * (search/facets.ts) and compared for equality; timestamps are compared by
 * range (dates, OAI-PMH harvests, the declassification schedule); the rest
 * are looked up by value.
 */
const filterable = (
  attributes: readonly Attribute[],
  features: { facetSearch: boolean; comparison: boolean },
): GranularFilterableAttribute => ({
  attributePatterns: [...attributes],
  features: {
    facetSearch: features.facetSearch,
    filter: { equality: true, comparison: features.comparison },
  },
});
export const FILTERABLE_ATTRIBUTES: GranularFilterableAttribute[] = [
  filterable(FACET_NAMES, { facetSearch: true, comparison: false }),
  filterable(['issuedTs', 'effectiveTs', 'expiresTs', 'datestampTs', 'declassifyTs'], {
    facetSearch: false,
    comparison: true,
  }),
  filterable(['docId', 'relationLinks', 'numberKeys', 'withdrawn'], {
    facetSearch: false,
    comparison: false,
  }),
];
const sortable: Attribute[] = ['issuedTs', 'datestampTs'];

export const INDEX_SETTINGS: Settings = {
  searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
  filterableAttributes: FILTERABLE_ATTRIBUTES,
  sortableAttributes: sortable,
  // One record per document: no `distinct`, which made every search count its records twice.
  displayedAttributes: [...RETRIEVED_ATTRIBUTES],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  // A number is either right or wrong: "57" must not match "58".
  typoTolerance: { disableOnAttributes: ['number', 'numberKeys'], disableOnNumbers: true },
  synonyms: SYNONYMS,
  faceting: { maxValuesPerFacet: 1000 },
  pagination: { maxTotalHits: 100_000 },
};
