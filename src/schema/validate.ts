import type { z } from 'zod';
import { VankhoError } from '../errors.ts';

/** A boundary value (file, field, argument) that does not have the expected shape. */
export class ValidationError extends VankhoError {
  override name = 'ValidationError';
  readonly where: string;
  readonly issues: string[];

  constructor(where: string, issues: string[], options?: ErrorOptions) {
    super(`${where}: ${issues.join('; ')}`, options);
    this.where = where;
    this.issues = issues;
  }
}

/**
 * Parses `value` with `schema`, or throws a ValidationError that names where
 * the value came from and, per field, what was expected.
 */
export function parseWithFriendlyErrors<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message;
    return path ? `field "${path}": ${message}` : message;
  });
  throw new ValidationError(where, issues, { cause: result.error });
}
