/**
 * The one base class of the portal's own errors, as meilisearch-js has one:
 * `instanceof VankhoError` tells a failure we named from one we did not, and
 * each subclass names one kind of failure and carries its `cause`.
 */
export class VankhoError extends Error {
  override name = 'VankhoError';
}
