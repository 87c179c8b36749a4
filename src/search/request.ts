/** The Meilisearch request for a search: the visitor's filter, facets and highlight. */
import type { Clearance } from '../access/clearance.ts';
import { inFilter, listedFilter } from '../meili/filters.ts';
import { RETRIEVED_ATTRIBUTES } from '../meili/records.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import { FACET_NAMES } from '../schema/facets.ts';
import type { SearchParams } from './params.ts';

/** The filter every search carries: the visitor's levels, then the chosen facets and dates. */
export function buildFilter(params: SearchParams, clearance: Clearance): string[] {
  const filter = [listedFilter(clearance)];
  for (const name of FACET_NAMES) {
    const values = params.filters[name];
    if (values && values.length > 0) filter.push(inFilter(name, values));
  }
  if (params.issuedFrom)
    filter.push(`issuedTs >= ${String(isoDateToTimestamp(params.issuedFrom))}`);
  if (params.issuedTo) filter.push(`issuedTs <= ${String(isoDateToTimestamp(params.issuedTo))}`);
  if (params.inForceOn) {
    // In force that day: in effect by then, and not yet expired. Without an expiry
    // date, only the current status can say the document still applies.
    const day = String(isoDateToTimestamp(params.inForceOn));
    filter.push(
      `effectiveTs <= ${day} AND (expiresTs > ${day} OR (expiresTs IS NULL AND status IN ["in-force", "partly-in-force"]))`,
    );
  }
  return filter;
}

/** Meilisearch's `sort` for the order asked: nothing for relevance, the record's timestamp otherwise. */
export function sortOf(params: Pick<SearchParams, 'sort'>): { sort?: string[] } {
  return params.sort === 'relevance' ? {} : { sort: [params.sort.replace('issued', 'issuedTs')] };
}

/** The body of the search request sent to Meilisearch for these parameters. */
export function searchRequest(params: SearchParams, clearance: Clearance) {
  return {
    q: params.q,
    filter: buildFilter(params, clearance),
    facets: [...FACET_NAMES],
    page: params.page,
    hitsPerPage: params.perPage,
    ...sortOf(params),
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES],
    // The snippet is cut from the retrieved text, and the words marked, by search/snippet.ts:
    // cheaper than a crop, and a highlight would send every retrieved attribute twice.
  };
}
