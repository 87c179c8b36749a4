/**
 * Full-text search with facets, restricted to what the visitor may see: a
 * number in any spelling first, a repaired query when it finds more, exact
 * diacritics before folded ones. Each of those is its own module.
 */
import type { Clearance } from '../access/clearance.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import { inFilter } from '../meili/filters.ts';
import type { SearchRecord } from '../meili/records.ts';
import { FACET_NAMES, type FacetName } from '../schema/facets.ts';
import { exactFirst } from './exact.ts';
import { searchWithCounts } from './facet-counts.ts';
import { locateInRecord, toHit, type Location, type SearchHit } from './hits.ts';
import { locateInContent } from './locate.ts';
import { parseNumberQuery } from './numbers.ts';
import { numberKey } from '../schema/number.ts';
import type { SearchParams } from './params.ts';
import { repairQuery } from './repair.ts';
import { buildFilter, searchRequest } from './request.ts';
import { suggestDroppingFilter, type Suggestion } from './suggest.ts';

export interface SearchResponse {
  query: string;
  /** The query as searched when it was typed without a Vietnamese keyboard. */
  repairedQuery?: string;
  /** No results: the filter whose removal would find the most. */
  suggestion?: Suggestion;
  /**
   * The query was a whole document number ("57-NQ/TW"): how many documents the
   * visitor may see carry exactly it (0: the page says no document has it).
   */
  number?: { sought: string; exact: number };
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  facets: Record<FacetName, Record<string, number>>;
}

/**
 * `contentDir`: where a long document's match beyond the text its record
 * carries is looked up; without it such a hit links to the document's start.
 */
export async function searchDocuments(
  backend: SearchBackend,
  params: SearchParams,
  clearance: Clearance,
  contentDir?: string,
): Promise<SearchResponse> {
  const index = backend.client.index<SearchRecord>(backend.index);
  const numberQuery = params.q.trim() ? parseNumberQuery(params.q) : undefined;
  const numberKeys = numberQuery?.keys ?? [];
  const repaired = numberKeys.length === 0 ? repairQuery(params.q) : undefined;
  const run = (q: string) => {
    const { q: _q, ...options } = searchRequest({ ...params, q }, clearance);
    return searchWithCounts(backend, q, options);
  };
  // A number in any spelling: every document with that number comes first (page 1).
  const numbered =
    numberKeys.length > 0 && params.page === 1
      ? guard(() =>
          index.search('', {
            ...searchRequest({ ...params, q: '' }, clearance),
            filter: [...buildFilter(params, clearance), inFilter('numberKeys', numberKeys)],
            facets: [],
            sort: ['issuedTs:desc'],
          }),
        )
      : undefined;
  let result = await run(repaired ?? params.q);
  // A repair that finds nothing was a wrong guess: the query as typed decides.
  if (repaired && result.totalHits === 0) result = await run(params.q);
  const usedRepair = repaired !== undefined && result.query === repaired;
  // The document with exactly the number sought comes before those sharing its serial and kind.
  const isExact = (hit: SearchRecord) =>
    numberQuery?.exact !== undefined &&
    hit.number !== null &&
    numberKey(hit.number) === numberQuery.exact;
  const numberedHits = (await numbered)?.hits ?? [];
  const first = [...numberedHits.filter(isExact), ...numberedHits.filter((hit) => !isExact(hit))];
  const firstIds = new Set(first.map((hit) => hit.docId));
  const searched = result.query;
  const located = await Promise.all(
    [...first, ...result.hits.filter((hit) => !firstIds.has(hit.docId))]
      .slice(0, first.length + params.perPage)
      .map(async (hit) => ({ hit, location: await locate(hit, searched, contentDir) })),
  );
  const [byNumber, rest] = [located.slice(0, first.length), located.slice(first.length)];
  const ordered = exactFirst(rest, params.q, ({ hit, location }) =>
    [hit.title, location?.snippet ?? ''].join(' '),
  );
  const hits = [...byNumber, ...ordered].slice(0, params.perPage);
  const facets = Object.fromEntries(
    FACET_NAMES.map((name) => [name, result.facetDistribution?.[name] ?? {}]),
  ) as Record<FacetName, Record<string, number>>;
  const total = Math.max(result.totalHits, first.length);
  const suggestion =
    total === 0 ? await suggestDroppingFilter(backend, result.query, params, clearance) : undefined;
  return {
    query: params.q,
    ...(usedRepair ? { repairedQuery: repaired } : {}),
    ...(suggestion ? { suggestion } : {}),
    ...(numberQuery?.exact !== undefined && params.page === 1
      ? { number: { sought: params.q.trim(), exact: first.filter(isExact).length } }
      : {}),
    total,
    page: params.page,
    perPage: params.perPage,
    hits: hits.map(({ hit, location }) => ({
      ...toHit(hit, location, searched),
      ...(isExact(hit) ? { numberMatch: true } : {}),
    })),
    facets,
  };
}

/** Where the query stands in a hit; nothing to locate without a query. */
async function locate(
  hit: SearchRecord,
  query: string,
  contentDir: string | undefined,
): Promise<Location | undefined> {
  if (query.trim() === '') return undefined;
  const location = locateInRecord(hit, query);
  if (location || !contentDir) return location;
  return locateInContent(contentDir, hit.docId, query);
}
