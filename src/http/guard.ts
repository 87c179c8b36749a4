/**
 * In front of Astro, at the Node level: only the methods the portal answers
 * get through (a TRACE or PUT never reaches a page), and a request body is
 * read as a stream up to a limit, so that no client can make the server hold
 * more than that. Astro's own limit (1 GB by default) would read far more, and
 * Node's Request refuses some methods with an exception, answered as a 500.
 */
import type http from 'node:http';
import type { BlockList } from 'node:net';
import { identifyClient } from './proxy.ts';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** How long the rest of a refused body is read and dropped before the connection is cut. */
const LINGER_MS = 5000;

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);

/** The request, as Astro's Node adapter reads it: a body it finds there is used as is. */
type WithBody = http.IncomingMessage & { body?: Buffer };

export function guardRequests(
  handler: Handler,
  maxBodyBytes: number,
  trustedProxies?: BlockList,
): Handler {
  return (req, res) => {
    identifyClient(req, trustedProxies);
    const method = req.method ?? '';
    const api = (req.url ?? '').startsWith('/api/');
    if (!ALLOWED.has(method)) {
      refuse(res, api, 405, 'method_not_allowed', `${method} is not allowed here.`, {
        Allow: ALLOWED_METHODS.join(', '),
      });
      req.resume();
      return;
    }
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
      handler(req, res);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => {
      refuse(
        res,
        api,
        413,
        'payload_too_large',
        `The request body is larger than ${String(maxBodyBytes)} bytes.`,
        {},
      );
      // A lingering close, as web servers do: what the client still sends is read and
      // dropped for a few seconds, so that it can read the answer instead of a reset;
      // then the connection is cut. Nothing is kept.
      req.removeAllListeners('data');
      req.on('data', () => undefined);
      req.resume();
      const cut = setTimeout(() => req.destroy(), LINGER_MS);
      cut.unref();
      req.once('close', () => {
        clearTimeout(cut);
      });
    };
    if (declared > maxBodyBytes) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (received > maxBodyBytes) return;
      (req as WithBody).body = Buffer.concat(chunks);
      handler(req, res);
    });
    req.once('error', () => {
      res.destroy();
    });
  };
}

function refuse(
  res: http.ServerResponse,
  api: boolean,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string>,
): void {
  const body = api ? JSON.stringify({ error: { code, message } }) : message;
  res.writeHead(status, {
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}
