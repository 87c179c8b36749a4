/**
 * Zero results: which one filter, dropped, would bring results back. The most
 * restrictive filter is the one whose removal finds the most documents.
 */
import type { Clearance } from '../access/clearance.ts';
import type { SearchRecord } from '../meili/records.ts';
import { FACET_NAMES } from '../schema/facets.ts';
import type { SearchParams } from './params.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import { buildFilter } from './request.ts';

export interface Suggestion {
  /** A facet name, or "issued" for the date range, or "inForceOn". */
  drop: string;
  total: number;
}

/** Each filter the visitor chose, and the parameters without it. */
function withoutEachFilter(params: SearchParams): [string, SearchParams][] {
  const options: [string, SearchParams][] = [];
  for (const name of FACET_NAMES) {
    if (params.filters[name]?.length)
      options.push([name, { ...params, filters: { ...params.filters, [name]: [] } }]);
  }
  if (params.issuedFrom || params.issuedTo) {
    options.push(['issued', { ...params, issuedFrom: undefined, issuedTo: undefined }]);
  }
  if (params.inForceOn) options.push(['inForceOn', { ...params, inForceOn: undefined }]);
  return options;
}

export async function suggestDroppingFilter(
  backend: SearchBackend,
  query: string,
  params: SearchParams,
  clearance: Clearance,
): Promise<Suggestion | undefined> {
  const index = backend.client.index<SearchRecord>(backend.index);
  let best: Suggestion | undefined;
  for (const [drop, relaxed] of withoutEachFilter(params)) {
    const result = await guard(() =>
      index.search(query, {
        filter: buildFilter(relaxed, clearance),
        page: 1,
        hitsPerPage: 1,
        attributesToRetrieve: ['docId'],
      }),
    );
    if (result.totalHits > (best?.total ?? 0)) best = { drop, total: result.totalHits };
  }
  return best;
}
