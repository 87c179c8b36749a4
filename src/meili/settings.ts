/** Index settings, derived from the schema's facets and the record shape. */
import type { Settings } from 'meilisearch';
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
const filterable: Attribute[] = [
  'docId',
  ...FACET_NAMES,
  'issuedTs',
  'effectiveTs',
  'expiresTs',
  'relationLinks',
  'numberKeys',
  'datestampTs',
  'withdrawn',
  'declassifyTs',
];
const sortable: Attribute[] = ['issuedTs', 'datestampTs'];

export const INDEX_SETTINGS: Settings = {
  searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
  filterableAttributes: filterable,
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
