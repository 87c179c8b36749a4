/**
 * One log line per request, written when its answer is sent, and a request
 * id on every line logged meanwhile and in the `X-Request-Id` answer header.
 * A trusted proxy (TRUST_PROXY) may hand its own id down; anyone else's is
 * replaced. The line holds the method, the path, the status, the time taken
 * and the client; the query string only for visitors without a session, so
 * that what a signed-in visitor searched for (itself classified, perhaps)
 * is never written down. No body, cookie or header is logged.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { BlockList } from 'node:net';
import { logger, requestScope } from '../log.ts';
import type { Handler } from './guard.ts';
import { SESSION_COOKIE } from '../access/session-cookie.ts';
import { fromTrustedProxy } from './proxy.ts';

const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function requestIdOf(req: http.IncomingMessage, trusted: BlockList | undefined): string {
  const given = req.headers['x-request-id'];
  const believed =
    typeof given === 'string' && WELL_FORMED_ID.test(given) && fromTrustedProxy(req, trusted);
  return believed ? given : randomUUID();
}

export function logRequests(handler: Handler, trusted?: BlockList): Handler {
  return (req, res) => {
    const requestId = requestIdOf(req, trusted);
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    const [path = '/', query] = (req.url ?? '/').split(/\?(.*)/s);
    const signedIn = (req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    res.once('finish', () => {
      logger.info(
        {
          requestId,
          method: req.method,
          path,
          ...(query && !signedIn ? { query } : {}),
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          client: req.headers['x-vankho-client-address'],
          signedIn,
        },
        'request',
      );
    });
    requestScope.run({ requestId }, () => {
      handler(req, res);
    });
  };
}
