/**
 * Facet counts, computed once per query shape: the same words and filter
 * (which holds the visitor's clearance) on the same version of the index get
 * the counts Meilisearch gave the first time. Facet distributions make
 * Meilisearch find every candidate, where hits alone stop at the first page:
 * about half its time per search at 100k documents.
 *
 * Exact, not merely recent: every search reads the index's version beside its
 * hits, and counts of another version are never used. Without counts kept,
 * hits and counts are asked at once, as two requests that Meilisearch answers
 * on two threads; the counts are kept only when the version read before they
 * were asked and the one read beside them agree, so that counts are never
 * labelled newer than they are.
 */
import { LRUCache } from 'lru-cache';
import {
  MeilisearchApiError,
  type SearchParams as MeiliSearchParams,
  type SearchResponse,
} from 'meilisearch';
import { logError } from '../log.ts';
import type { SearchRecord } from '../meili/records.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import { indexVersion } from '../meili/version.ts';

type Distribution = NonNullable<SearchResponse['facetDistribution']>;

// Counts are kept up to this size (characters of their JSON, about bytes):
// several thousand query shapes, a bounded share of the server's memory.
const MAX_CHARS = 8_000_000;

const counts = new LRUCache<string, { version: string; facets: Distribution }>({
  maxSize: MAX_CHARS,
  sizeCalculation: (entry, key) => key.length + JSON.stringify(entry.facets).length + 64,
});

let refusedOnce = false;

/**
 * The live index's version; undefined when the key may not read it (a key made
 * before it could): then counts are computed every time, and that is logged once.
 */
async function versionOf(backend: SearchBackend): Promise<string | undefined> {
  try {
    return await (backend.version
      ? backend.version()
      : indexVersion(backend.client, backend.index));
  } catch (error) {
    if (!(error instanceof MeilisearchApiError)) throw error;
    if (!refusedOnce) {
      refusedOnce = true;
      logError('The index version cannot be read: facet counts are computed every time', error);
    }
    return undefined;
  }
}

// The version the last search read: read before a search is sent, it is older than its answer.
let knownVersion: string | undefined;

/**
 * `index.search(q, request)`, with `request.facets` from the counts kept when
 * the index has not changed since they were computed.
 */
export async function searchWithCounts<S extends MeiliSearchParams>(
  backend: SearchBackend,
  q: string,
  request: S,
): Promise<SearchResponse<SearchRecord, S>> {
  const index = backend.client.index<SearchRecord>(backend.index);
  const search = (params: S) => guard(() => index.search<SearchRecord, S>(q, params));
  if (!request.facets || request.facets.length === 0) return search(request);
  const countsOnly = () => search({ ...request, hitsPerPage: 0, attributesToRetrieve: [] });
  const key = JSON.stringify([q, request.filter, request.facets]);
  const kept = counts.get(key);
  const before = knownVersion;
  const reading = versionOf(backend).then((version) => (knownVersion = version));
  const hits = search({ ...request, facets: [] });
  if (kept) {
    const [result, version] = await Promise.all([hits, reading]);
    if (version !== undefined && version === kept.version)
      return { ...result, facetDistribution: kept.facets };
    // The index changed: counted again, after `version` was read, so never older than it.
    const fresh = (await countsOnly()).facetDistribution ?? {};
    if (version !== undefined) counts.set(key, { version, facets: fresh });
    return { ...result, facetDistribution: fresh };
  }
  const [result, version, counted] = await Promise.all([hits, reading, countsOnly()]);
  const facets = counted.facetDistribution ?? {};
  if (version !== undefined && before === version) counts.set(key, { version, facets });
  return { ...result, facetDistribution: facets };
}

/** Forgets every count kept (tests). */
export function forgetCounts(): void {
  counts.clear();
  knownVersion = undefined;
}
