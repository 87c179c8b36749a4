/** The search query string, validated: bad values are named, never guessed. */
import { z } from 'zod';
import { FACET_NAMES, type FacetName } from '../schema/facets.ts';
import { parseWithFriendlyErrors, ValidationError } from '../schema/validate.ts';

export const SORTS = ['relevance', 'issued:desc', 'issued:asc'] as const;
export type Sort = (typeof SORTS)[number];
export const MAX_PER_PAGE = 100;

export interface SearchParams {
  q: string;
  page: number;
  perPage: number;
  sort: Sort;
  issuedFrom: string | undefined;
  issuedTo: string | undefined;
  /** Only documents in force on this day. */
  inForceOn: string | undefined;
  filters: Partial<Record<FacetName, string[]>>;
}

const isoDate = z.iso.date({ error: 'expected an ISO date (YYYY-MM-DD)' }).optional();
const scalarSchema = z.object({
  q: z.string().max(500, { error: 'at most 500 characters' }).default(''),
  page: z.coerce
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .min(1, { error: 'expected 1 or more' })
    .max(10_000, { error: 'expected at most 10000' })
    .default(1),
  perPage: z.coerce
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .min(1, { error: 'expected 1 or more' })
    .max(MAX_PER_PAGE, { error: `expected at most ${String(MAX_PER_PAGE)}` })
    .default(20),
  sort: z.enum(SORTS, { error: `expected one of ${SORTS.join(', ')}` }).default('relevance'),
  issuedFrom: isoDate,
  issuedTo: isoDate,
  inForceOn: isoDate,
});
const SCALARS = new Set(Object.keys(scalarSchema.shape));

/** Parses `?q=…&type=resolution&type=decision…`; throws a ValidationError naming the parameter. */
export function parseSearchParams(query: URLSearchParams): SearchParams {
  const scalars: Record<string, string> = {};
  const filters: Partial<Record<FacetName, string[]>> = {};
  const problems: string[] = [];
  for (const [key, value] of query) {
    if (SCALARS.has(key)) {
      if (key in scalars) problems.push(`parameter "${key}" is given more than once`);
      scalars[key] = value;
    } else if ((FACET_NAMES as readonly string[]).includes(key)) {
      if (value !== '') (filters[key as FacetName] ??= []).push(value);
    }
    // Other parameters (tracking tags, cache busters) are ignored, as browsers add them.
  }
  if (problems.length > 0) throw new ValidationError('query', problems);
  const parsed = parseWithFriendlyErrors(scalarSchema, scalars, 'query');
  return {
    ...parsed,
    issuedFrom: parsed.issuedFrom,
    issuedTo: parsed.issuedTo,
    inForceOn: parsed.inForceOn,
    filters,
  };
}
