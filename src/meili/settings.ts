/** Index settings, derived from the schema's facets and the record shape. */
import type { Settings } from 'meilisearch';
import { FACET_NAMES } from '../schema/facets.ts';
import { RETRIEVED_ATTRIBUTES, type SearchRecord } from './records.ts';

type Attribute = keyof SearchRecord;

const searchable: Attribute[] = [
  'number',
  'numberKey',
  'title',
  'summary',
  'subjects',
  'issuer',
  'text',
];
const filterable: Attribute[] = ['id', ...FACET_NAMES, 'issuedTs', 'relationLinks'];
const sortable: Attribute[] = ['issuedTs'];

export const INDEX_SETTINGS: Settings = {
  searchableAttributes: searchable,
  filterableAttributes: filterable,
  sortableAttributes: sortable,
  // `text` is displayed only so that Meilisearch can crop a snippet from it.
  displayedAttributes: [...RETRIEVED_ATTRIBUTES, 'text'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  // A number is either right or wrong: "57" must not match "58".
  typoTolerance: { disableOnAttributes: ['number', 'numberKey'], disableOnNumbers: true },
  faceting: { maxValuesPerFacet: 1000 },
  pagination: { maxTotalHits: 100_000 },
};
