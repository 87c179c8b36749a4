/** JSON answers for /api/*: errors as `{ error: { code, message } }`, never a stack trace. */
import { SearchUnavailableError } from '../search/search.ts';
import { ValidationError } from '../schema/validate.ts';

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function jsonError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Maps a failure to its answer; unexpected ones are logged here and answered vaguely. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) return jsonError(400, 'invalid_parameter', error.message);
  if (error instanceof SearchUnavailableError) {
    return jsonError(
      503,
      'search_unavailable',
      'The search service is unavailable; try again shortly.',
    );
  }
  console.error(error);
  return jsonError(500, 'internal_error', 'Something went wrong on the server.');
}
