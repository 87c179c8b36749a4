/** Command-line parsing for the scripts: node's parseArgs, with errors a person can act on. */
import { closeSharedRedis } from '../access/redis.ts';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ValidationError } from '../schema/validate.ts';
import { VankhoError } from '../errors.ts';

/** Wrong arguments: the script prints the message and its usage, and exits 2. */
export class UsageError extends VankhoError {
  override name = 'UsageError';
}

export function parseCli<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
}

/**
 * Runs a script's main function: a UsageError prints the usage and exits 2,
 * any other error prints its message and causes (never swallowed) and exits 2.
 */
export function runScript(usage: string, main: () => Promise<number>): void {
  main()
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof UsageError) {
          console.error(`${error.message}\n\n${usage}`);
        } else {
          console.error(describeError(error));
        }
        process.exitCode = 2;
      },
    )
    // A command that used the shared Redis (REDIS_URL) lets go of it, so that it can end.
    .finally(() => closeSharedRedis());
}

/** The message and the chain of causes, one per line. */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      lines.push(depth === 0 ? `Error: ${current.message}` : `  caused by: ${current.message}`);
      // A validation error's message already lists every issue its cause holds.
      current = current instanceof ValidationError ? undefined : current.cause;
    } else {
      lines.push(`${depth === 0 ? 'Error' : '  caused by'}: ${describeValue(current)}`);
      current = undefined;
    }
  }
  return lines.join('\n');
}

/** A thrown non-Error, as text. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return value.toString();
  }
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return 'an object that cannot be shown';
    }
  }
  return typeof value;
}

/**
 * A whole-number option from `min` to `max`, undefined when it is absent; any
 * other value is a UsageError naming the option and what was expected.
 */
export function wholeNumberOption(
  name: string,
  value: string | undefined,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? `of ${String(min)} or more`
        : `from ${String(min)} to ${String(max)}`;
    throw new UsageError(`--${name}: expected a whole number ${range}, got "${value}".`);
  }
  return number;
}

/** An http(s) URL option, without a trailing slash; undefined when absent; else a UsageError. */
export function urlOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`--${name}: expected an http:// or https:// URL, got "${value}".`);
  }
  return url.href.replace(/\/+$/, '');
}
