/** Facet-value search, for long facets such as issuer: "ủy ban" → the matching issuers with counts. */
import type { Clearance } from '../access/clearance.ts';
import { clearanceFilter, inFilter } from '../meili/filters.ts';
import type { FacetName } from '../schema/facets.ts';
import { guard, type SearchBackend } from './search.ts';

export interface FacetValue {
  value: string;
  count: number;
}

export async function searchFacetValues(
  backend: SearchBackend,
  facet: FacetName,
  query: string,
  clearance: Clearance,
): Promise<FacetValue[]> {
  const visible = clearanceFilter(clearance);
  const index = backend.client.index(backend.index);
  const matches = await guard(() =>
    index.searchForFacetValues({ facetName: facet, facetQuery: query, filter: visible }),
  );
  const values = matches.facetHits.map((hit) => hit.value);
  if (values.length === 0) return [];
  // Facet search counts section records; a search with distinct counts documents.
  const counted = await guard(() =>
    index.search('', {
      filter: [visible, inFilter(facet, values)],
      facets: [facet],
      page: 1,
      hitsPerPage: 1,
    }),
  );
  const counts = counted.facetDistribution?.[facet] ?? {};
  return values.flatMap((value) => {
    const count = counts[value];
    return count ? [{ value, count }] : [];
  });
}
