/**
 * The portal's log: one JSON object per line (pino), each line of a request
 * carrying its request id, so that an operator can follow one request through
 * the logs and find it from the X-Request-Id its answer carried.
 *
 * What goes in: what happened and to which request; never a document's text,
 * a signed-in visitor's query, a password, a cookie or a token (see
 * http/request-log.ts for what a request line holds). LOG_FORMAT=text (the
 * default on a terminal) prints the same as readable lines.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/**
 * The request being answered, for every line logged while answering it. One
 * per process, whichever copy of this module asks: the pages run from Astro's
 * build, which holds its own copy of it.
 */
const SCOPE = Symbol.for('vankho.requestScope');
type Scope = AsyncLocalStorage<{ requestId: string }>;
function sharedScope(): Scope {
  const existing = Reflect.get(globalThis, SCOPE) as Scope | undefined;
  if (existing) return existing;
  const created: Scope = new AsyncLocalStorage();
  Reflect.set(globalThis, SCOPE, created);
  return created;
}
export const requestScope = sharedScope();

type Format = 'json' | 'text';

function format(): Format {
  const asked = process.env['LOG_FORMAT'];
  if (asked === 'json' || asked === 'text') return asked;
  return process.stdout.isTTY ? 'text' : 'json';
}

/** A terminal's line: time, level, message, then the other fields as key=value. */
const textDestination = {
  write(line: string) {
    const { time, level, msg, err, ...rest } = JSON.parse(line) as {
      time: string;
      level: string;
      msg?: string;
      err?: { stack?: string };
    } & Record<string, unknown>;
    const fields = Object.entries(rest)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    const error = err ? `\n  ${err.stack ?? JSON.stringify(err)}` : '';
    process.stdout.write(`${time} ${level} ${msg ?? ''}${fields ? ` ${fields}` : ''}${error}\n`);
  },
};

export const logger = pino(
  {
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.errWithCause },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
  },
  format() === 'text' ? textDestination : pino.destination({ sync: true }),
);

/** Logs a failure with its cause chain. */
export function logError(message: string, error: unknown): void {
  logger.error({ err: error }, message);
}
