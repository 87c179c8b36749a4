/**
 * Calls to Meilisearch from the pages: where they go, and the one way a
 * failure to reach the engine (down, refused, timed out) becomes an answer.
 */
import { MeilisearchRequestError, type Meilisearch } from 'meilisearch';
import { VankhoError } from '../errors.ts';

/** Where searches go: a client and the live index name. */
export interface SearchBackend {
  client: Meilisearch;
  index: string;
  /**
   * The live index's version (meili/version.ts), read with a key that may;
   * a tenant token may only search. Without it, `client` reads it.
   */
  version?: () => Promise<string>;
}

/** Meilisearch could not be reached; the portal stays up and says so. */
export class SearchUnavailableError extends VankhoError {
  override name = 'SearchUnavailableError';
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
