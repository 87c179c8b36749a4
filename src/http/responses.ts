/** JSON answers for /api/*: errors as `{ error: { code, message } }`, never a stack trace. */
import { logError } from '../log.ts';
import { SharedStateUnavailableError } from '../access/redis.ts';
import { AuditUnavailableError } from '../access/audit.ts';
import { DocumentWithdrawnError, type Tombstone } from '../access/gate.ts';
import { strings, type Locale } from '../i18n/index.ts';
import { SearchUnavailableError } from '../meili/guard.ts';
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
  if (error instanceof DocumentWithdrawnError) {
    const { tombstone } = error;
    return json(
      {
        error: { code: 'withdrawn', message: 'This document was withdrawn from the archive.' },
        tombstone,
      },
      { status: 410, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  if (error instanceof SharedStateUnavailableError) {
    logError('Redis is unavailable', error);
    return jsonError(503, 'session_unavailable', strings('en').t('session.unavailable'));
  }
  if (error instanceof AuditUnavailableError) {
    logError('The audit trail is unavailable', error);
    return jsonError(
      503,
      'audit_unavailable',
      'Restricted documents are unavailable while the audit trail cannot be written.',
    );
  }
  logError('Request failed', error);
  return jsonError(500, 'internal_error', 'Something went wrong on the server.');
}

/**
 * What a document's page shows when its read failed: the tombstone of a
 * withdrawn document (410), or the message of a service that is down (503);
 * anything else is thrown on.
 */
export function pageFailure(
  error: unknown,
  locale?: Locale,
): { status: 410; gone: Tombstone } | { status: 503; unavailable: string } {
  if (error instanceof DocumentWithdrawnError) return { status: 410, gone: error.tombstone };
  return { status: 503, unavailable: unavailableMessage(error, locale) };
}

/** What a page says when a service it needs is down; anything else is thrown on. */
export function unavailableMessage(error: unknown, locale?: Locale): string {
  const { t } = strings(locale);
  if (error instanceof SearchUnavailableError) return t('search.unavailable');
  if (error instanceof SharedStateUnavailableError) {
    logError('Redis is unavailable', error);
    return t('session.unavailable');
  }
  if (error instanceof AuditUnavailableError) {
    logError('The audit trail is unavailable', error);
    return t('audit.unavailable');
  }
  throw error;
}

/**
 * A plain-text answer for file routes: 404 when there is nothing (to see), 400
 * naming a wrong parameter, 503 when a service is down.
 */
export function errorText(error: unknown): Response {
  const text = (status: number, body: string) =>
    new Response(body, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  if (error === undefined) return text(404, 'Not found');
  if (error instanceof ValidationError) return text(400, error.message);
  if (error instanceof DocumentWithdrawnError) return text(410, 'Gone: withdrawn from the archive');
  return text(503, unavailableMessage(error));
}
