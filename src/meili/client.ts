import { Meilisearch } from 'meilisearch';

/**
 * Writes and index rebuilds send large batches: a request may take this long.
 * Pages use a much shorter limit (MEILI_TIMEOUT_MS), so that a stalled engine
 * costs a visitor a 503, not a hang.
 */
export const ADMIN_TIMEOUT_MS = 120_000;

/**
 * A client that asks for uncompressed responses: over Node's fetch, a
 * compressed answer costs ~40 ms to decode on every request. Every request
 * has a time limit.
 */
export function createClient(
  url: string,
  apiKey: string,
  timeoutMs = ADMIN_TIMEOUT_MS,
): Meilisearch {
  return new Meilisearch({
    host: url,
    apiKey,
    timeout: timeoutMs,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
  });
}

/** The live index of an archive; several archives may share one server. */
export function liveIndexName(prefix: string): string {
  return `${prefix}-documents`;
}
