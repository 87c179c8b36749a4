import { Meilisearch } from 'meilisearch';

/**
 * A client that asks for uncompressed responses: over Node's fetch, a
 * compressed answer costs ~40 ms to decode on every request.
 */
export function createClient(url: string, apiKey: string): Meilisearch {
  return new Meilisearch({
    host: url,
    apiKey,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
  });
}

/** The live index of an archive; several archives may share one server. */
export function liveIndexName(prefix: string): string {
  return `${prefix}-documents`;
}
