/**
 * Facet-value search, for long facets such as issuer: "quokka" or "thua thien"
 * → the values with a word that starts so, wherever it stands in the value
 * ("Cục Tình Báo Quokka", "Ủy ban nhân dân Tỉnh Thừa Thiên Huế"), with
 * document counts.
 */
import type { Clearance } from '../access/clearance.ts';
import { listedFilter } from '../meili/filters.ts';
import { SEARCHABLE_ATTRIBUTES } from '../meili/settings.ts';
import type { FacetName } from '../schema/facets.ts';
import { valueMatches } from '../schema/fold.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';

export interface FacetValue {
  value: string;
  count: number;
}

const MAX_VALUES = 100;

export { valueMatches };

export async function searchFacetValues(
  backend: SearchBackend,
  facet: FacetName,
  query: string,
  clearance: Clearance,
): Promise<FacetValue[]> {
  const visible = listedFilter(clearance);
  const index = backend.client.index(backend.index);
  const searchable = (SEARCHABLE_ATTRIBUTES as readonly string[]).includes(facet);
  if (query.trim() === '' || !searchable) {
    // Short facets (type, year, language…) are matched on the start of the value.
    const matches = await guard(() =>
      index.searchForFacetValues({ facetName: facet, facetQuery: query, filter: visible }),
    );
    // One record per document: facet counts are document counts.
    return matches.facetHits.map(({ value, count }) => ({ value, count }));
  }
  // Meilisearch's facet search matches the start of a value only. A search on
  // the facet's own attribute finds every document with a value word that
  // starts like the query; its distribution counts documents.
  const found = await guard(() =>
    index.search(query, {
      attributesToSearchOn: [facet],
      matchingStrategy: 'all',
      filter: visible,
      facets: [facet],
      page: 1,
      hitsPerPage: 0,
    }),
  );
  return Object.entries(found.facetDistribution?.[facet] ?? {})
    .filter(([value]) => valueMatches(value, query))
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, MAX_VALUES);
}
