/**
 * Calls to Meilisearch from the pages: where they go, and the one way a
 * failure to reach the engine (down, refused, timed out) becomes an answer.
 */
import { MeilisearchRequestError, type Meilisearch } from 'meilisearch';
import pLimit, { type LimitFunction } from 'p-limit';
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

/**
 * Calls to Meilisearch at once from this process; the rest wait their turn.
 * A burst of visitors then becomes waiting: sent all at once to an engine on
 * two cores, a hundred searches each outlast their time limit (MEILI_TIMEOUT_MS,
 * which starts when a call is sent) together, and every visitor gets a 503.
 * Past `waiting` calls in line, a call fails at once: the engine is swamped.
 */
let inFlight: LimitFunction = pLimit(8);
let waitingAtMost = 512;

/** Sets the limits (the portal: MEILI_CONCURRENCY, and 64 waiting calls per call in flight). */
export function limitEngineCalls(calls: number, waiting = 64 * calls): void {
  inFlight = pLimit(calls);
  waitingAtMost = waiting;
}

/**
 * Runs a Meilisearch call when its turn comes, turning "cannot connect" and
 * "too many waiting" into SearchUnavailableError.
 */
export async function guard<T>(call: () => Promise<T>): Promise<T> {
  if (inFlight.pendingCount >= waitingAtMost) {
    throw new SearchUnavailableError(
      `The search server is busy: ${String(inFlight.pendingCount)} searches are waiting`,
    );
  }
  try {
    return await inFlight(call);
  } catch (error) {
    if (error instanceof MeilisearchRequestError) {
      throw new SearchUnavailableError('The search server cannot be reached', { cause: error });
    }
    throw error;
  }
}
