/** Full-text search with facets, restricted to what the visitor may see. */
import { MeilisearchRequestError, type Hit, type Meilisearch } from 'meilisearch';
import type { Clearance } from '../access/clearance.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import type { Classification, DocumentType } from '../schema/document.ts';
import { FACET_NAMES, type FacetName } from '../schema/facets.ts';
import { clearanceFilter, inFilter } from '../meili/filters.ts';
import { RETRIEVED_ATTRIBUTES, type SearchRecord } from '../meili/records.ts';
import { numberQueryKeys } from './numbers.ts';
import type { SearchParams } from './params.ts';
import { repairQuery } from './repair.ts';
import { suggestDroppingFilter, type Suggestion } from './suggest.ts';

/** Where searches go: a client and the live index name. */
export interface SearchBackend {
  client: Meilisearch;
  index: string;
}

/** Meilisearch could not be reached; the portal stays up and says so. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

export interface SearchHit {
  id: string;
  title: string;
  number: string | null;
  type: DocumentType;
  issuer: string | null;
  issued: string | null;
  language: string;
  classification: Classification;
  url: string;
  /** HTML: escaped text with matches in `<mark>`. */
  snippet: string;
}

export interface SearchResponse {
  query: string;
  /** The query as searched when it was typed without a Vietnamese keyboard. */
  repairedQuery?: string;
  /** No results: the filter whose removal would find the most. */
  suggestion?: Suggestion;
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  facets: Record<FacetName, Record<string, number>>;
}

// Control characters never occur in indexed text, so they mark matches safely
// until the snippet has been escaped.
const MARK_START = '\u0002';
const MARK_END = '\u0003';

/** The filter every search carries: the visitor's levels, then the chosen facets and dates. */
export function buildFilter(params: SearchParams, clearance: Clearance): string[] {
  const filter = [clearanceFilter(clearance)];
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

/** The body of the search request sent to Meilisearch for these parameters. */
export function searchRequest(params: SearchParams, clearance: Clearance) {
  const sort =
    params.sort === 'relevance' ? undefined : [params.sort.replace('issued', 'issuedTs')];
  return {
    q: params.q,
    filter: buildFilter(params, clearance),
    facets: [...FACET_NAMES],
    page: params.page,
    hitsPerPage: params.perPage,
    ...(sort ? { sort } : {}),
    attributesToRetrieve: [...RETRIEVED_ATTRIBUTES],
    attributesToCrop: ['text'],
    cropLength: 30,
    attributesToHighlight: ['text', 'title'],
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  };
}

export async function searchDocuments(
  backend: SearchBackend,
  params: SearchParams,
  clearance: Clearance,
): Promise<SearchResponse> {
  const index = backend.client.index<SearchRecord>(backend.index);
  const numberKeys = params.q.trim() ? numberQueryKeys(params.q) : [];
  const repaired = numberKeys.length === 0 ? repairQuery(params.q) : undefined;
  const run = (q: string) => {
    const { q: _q, ...options } = searchRequest({ ...params, q }, clearance);
    return guard(() => index.search(q, options));
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
  const first = (await numbered)?.hits ?? [];
  const firstIds = new Set(first.map((hit) => hit.docId));
  const rest = exactFirst(
    result.hits.filter((hit) => !firstIds.has(hit.docId)),
    params.q,
  );
  const hits = [...first, ...rest].slice(0, params.perPage);
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
    total,
    page: params.page,
    perPage: params.perPage,
    hits: hits.map((hit) => toHit(hit, params.q.trim() !== '')),
    facets,
  };
}

/**
 * Meilisearch folds diacritics, so "lưu trữ" also matches "luu tru". When the
 * query was typed with diacritics, hits that contain its words exactly (in the
 * title or the matched passage) come before the folded ones; order is kept otherwise.
 */
export function exactFirst(hits: Hit<SearchRecord>[], query: string): Hit<SearchRecord>[] {
  const words =
    query
      .normalize('NFC')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  if (!words.some((word) => /[^a-z]/.test(word))) return hits;
  const isExact = (hit: Hit<SearchRecord>) => {
    const text = `${hit.title} ${hit._formatted?.text ?? ''}`.normalize('NFC').toLowerCase();
    return words.every((word) => text.includes(word));
  };
  const exact = hits.filter(isExact);
  return [...exact, ...hits.filter((hit) => !exact.includes(hit))];
}

/** Without a query, the summary says more than the document's opening lines. */
function toHit(hit: Hit<SearchRecord>, hasQuery: boolean): SearchHit {
  const cropped = typeof hit._formatted?.text === 'string' ? hit._formatted.text : '';
  const title = typeof hit._formatted?.title === 'string' ? hit._formatted.title : hit.title;
  // A photograph has no text: its highlighted title is the best snippet there is.
  const snippetSource = (hasQuery ? cropped : (hit.summary ?? cropped)) || hit.summary || title;
  // With a query, the link leads to the section that matched, in its part of a long document.
  const part = hasQuery && hit.part > 0 ? `?part=${String(hit.part + 1)}` : '';
  const anchor = hasQuery && hit.anchor ? `#${hit.anchor}` : '';
  return {
    id: hit.docId,
    title: hit.title,
    number: hit.number,
    type: hit.type[0] as DocumentType,
    issuer: hit.issuer[0] ?? null,
    issued: hit.issued,
    language: hit.language[0] ?? 'und',
    classification: hit.classification[0] as Classification,
    url: `/documents/${hit.docId}${part}${anchor}`,
    snippet: markSnippet(snippetSource),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** Escapes the snippet, then turns the match markers into `<mark>`. */
function markSnippet(text: string): string {
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

/** Runs a Meilisearch call, turning "cannot connect" into SearchUnavailableError. */
export async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof MeilisearchRequestError) {
      throw new SearchUnavailableError('The search server cannot be reached', { cause: error });
    }
    throw error;
  }
}
