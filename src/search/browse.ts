/**
 * Browsing by facet: every value of a facet the visitor may see, with its
 * document count, and the documents under one value, newest first.
 */
import type { Clearance } from '../access/clearance.ts';
import type { FacetName } from '../schema/facets.ts';
import type { FacetValue } from './facets.ts';
import { parseSearchParams } from './params.ts';
import { searchDocuments, type SearchResponse } from './search.ts';
import type { SearchBackend } from '../meili/guard.ts';
import { searchWithCounts } from './facet-counts.ts';
import { listedFilter } from '../meili/filters.ts';

/** Up to the index's maxValuesPerFacet values; years newest first, others by count. */
export async function browseFacet(
  backend: SearchBackend,
  facet: FacetName,
  clearance: Clearance,
): Promise<FacetValue[]> {
  // Counted once per index version and clearance: every visitor of the page asks the same.
  const result = await searchWithCounts(backend, '', {
    filter: [listedFilter(clearance)],
    facets: [facet],
    page: 1,
    hitsPerPage: 0,
  });
  const counts = result.facetDistribution?.[facet] ?? {};
  return Object.entries(counts)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) =>
      facet === 'year'
        ? b.value.localeCompare(a.value)
        : b.count - a.count || a.value.localeCompare(b.value, 'vi'),
    );
}

/** The documents with `value`, newest first; a value nobody may see has none. */
export function browseValue(
  backend: SearchBackend,
  facet: FacetName,
  value: string,
  page: number,
  clearance: Clearance,
): Promise<SearchResponse> {
  const params = parseSearchParams(
    new URLSearchParams({ [facet]: value, sort: 'issued:desc', page: String(page) }),
  );
  return searchDocuments(backend, params, clearance);
}

/** The URL of a facet value's page. */
export function browseUrl(facet: FacetName, value?: string): string {
  return value === undefined
    ? `/browse/${facet}`
    : `/browse/${facet}/${value.split('/').map(encodeURIComponent).join('/')}`;
}
