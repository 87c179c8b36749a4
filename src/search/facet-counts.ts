/**
 * Facet counts, computed once per query shape: the same words and filter
 * (which holds the visitor's clearance) on the same version of the index get
 * the counts Meilisearch gave the first time. Facet distributions make
 * Meilisearch find every candidate, where hits alone stop at the first page:
 * about half its time per search at 100k documents.
 *
 * Exact, not merely recent: every search reads the index's version beside its
 * hits, and counts of another version are never used. A version is read before
 * the counts it labels are computed, so counts are never labelled older than
 * they are.
 */
import { LRUCache } from 'lru-cache';
import type { SearchParams as MeiliSearchParams, SearchResponse } from 'meilisearch';
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

function versionOf(backend: SearchBackend): Promise<string> {
  return backend.version ? backend.version() : indexVersion(backend.client, backend.index);
}

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
  const key = JSON.stringify([q, request.filter, request.facets]);
  const kept = counts.get(key);
  if (!kept) {
    const version = await versionOf(backend);
    const result = await search(request);
    counts.set(key, { version, facets: result.facetDistribution ?? {} });
    return result;
  }
  const [result, version] = await Promise.all([
    search({ ...request, facets: [] }),
    versionOf(backend),
  ]);
  if (version === kept.version) return { ...result, facetDistribution: kept.facets };
  // The index changed: the counts again, on an index at least as new as `version`.
  const fresh = await search({ ...request, hitsPerPage: 0, attributesToRetrieve: [] });
  counts.set(key, { version, facets: fresh.facetDistribution ?? {} });
  return { ...result, facetDistribution: fresh.facetDistribution ?? {} };
}

/** Forgets every count kept (tests). */
export function forgetCounts(): void {
  counts.clear();
}
