/** The search query string, validated: bad values are named, never guessed. */
import { z } from 'zod';
import { dayFromInput } from '../schema/date.ts';
import { FACET_NAMES, type FacetName } from '../schema/facets.ts';
import { ValidationError } from '../schema/validate.ts';

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

// The date boxes are typed day first (DD/MM/YYYY); links and the API may use ISO days.
const isoDate = z
  .string()
  .transform((value, ctx) => {
    const day = dayFromInput(value);
    if (day === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a real day as DD/MM/YYYY or YYYY-MM-DD' });
      return z.NEVER;
    }
    return day;
  })
  .optional();
// Digits only: "0x10", "1e2" and " 5" are not page numbers, whatever Number() makes of them.
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, { error: 'expected a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `expected ${String(min)} or more` })
        .max(max, { error: `expected at most ${String(max)}` }),
    )
    .optional()
    .transform((value) => value ?? fallback);
const scalarSchema = z.object({
  q: z.string().max(500, { error: 'at most 500 characters' }).default(''),
  page: wholeNumber(1, 10_000, 1),
  perPage: wholeNumber(1, MAX_PER_PAGE, 20),
  sort: z.enum(SORTS, { error: `expected one of ${SORTS.join(', ')}` }).default('relevance'),
  issuedFrom: isoDate,
  issuedTo: isoDate,
  inForceOn: isoDate,
});
type Scalar = keyof typeof scalarSchema.shape;
const SCALARS = new Set<string>(Object.keys(scalarSchema.shape));

/** What was wrong with one parameter: its name and, in English, why. */
export interface ParamProblem {
  param: Scalar | 'query';
  message: string;
}

/**
 * Reads `?q=…&type=resolution&type=decision…` as a form would send it: an
 * empty value means "not given" (a date box left empty, an unchosen sort).
 * A wrong value is left out and named in `problems`, so that a page can show
 * the rest and say what was wrong beside the field.
 */
export function readSearchParams(query: URLSearchParams): {
  params: SearchParams;
  problems: ParamProblem[];
} {
  const scalars: Record<string, string> = {};
  const filters: Partial<Record<FacetName, string[]>> = {};
  const problems: ParamProblem[] = [];
  for (const [key, value] of query) {
    if (SCALARS.has(key)) {
      if (key in scalars) {
        problems.push({
          param: key as Scalar,
          message: `parameter "${key}" is given more than once`,
        });
      }
      if (value !== '' || key === 'q') scalars[key] = value;
    } else if ((FACET_NAMES as readonly string[]).includes(key)) {
      if (value !== '') (filters[key as FacetName] ??= []).push(value);
    }
    // Other parameters (tracking tags, cache busters) are ignored, as browsers add them.
  }
  const parsed = scalarSchema.safeParse(scalars);
  const bad = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const param = String(issue.path[0] ?? 'query');
      bad.add(param);
      problems.push({ param: param as Scalar, message: `field "${param}": ${issue.message}` });
    }
  }
  // The wrong values are left out and the rest read again, with their defaults.
  const kept = parsed.success
    ? parsed.data
    : scalarSchema.parse(Object.fromEntries(Object.entries(scalars).filter(([k]) => !bad.has(k))));
  const params: SearchParams = {
    ...kept,
    issuedFrom: kept.issuedFrom,
    issuedTo: kept.issuedTo,
    inForceOn: kept.inForceOn,
    filters,
  };
  return { params, problems };
}

/** The same, strictly: throws a ValidationError naming every wrong parameter (the API's way). */
export function parseSearchParams(query: URLSearchParams): SearchParams {
  const { params, problems } = readSearchParams(query);
  if (problems.length > 0) {
    throw new ValidationError(
      'query',
      problems.map((problem) => problem.message),
    );
  }
  return params;
}

/** A whole number from 1 to 100000 in `name`: absent, a number, or `null` when malformed. */
export function positiveParam(query: URLSearchParams, name: string): number | null | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d{1,6}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 && number <= 100_000 ? number : null;
}

/**
 * `?part=N` of a document page or record (from 1); absent means 1. Undefined
 * when the value is not a whole number from 1 to 100000.
 */
export function readPart(query: URLSearchParams): number | undefined {
  const part = positiveParam(query, 'part');
  return part === null ? undefined : (part ?? 1);
}

/** `?version=N`: an earlier version of a document; absent is undefined (the current), malformed null. */
export function readVersionParam(query: URLSearchParams): number | null | undefined {
  return positiveParam(query, 'version');
}

/**
 * `?trang=N`: the scan page a document page opens at (from 1); absent is
 * undefined (the first page with a sought word, else the first), malformed null.
 */
export function readScanPage(query: URLSearchParams): number | null | undefined {
  return positiveParam(query, 'trang');
}

/** A parameter that must be one of `choices` (`?format=` of a citation): the value, or a problem naming it. */
export function readChoice<T extends string>(
  query: URLSearchParams,
  name: string,
  choices: readonly T[],
): { value: T } | { problem: string } {
  const value = query.get(name);
  if (value !== null && (choices as readonly string[]).includes(value))
    return { value: value as T };
  return {
    problem: `${name}: ${value === null ? 'missing' : `"${value}" is not allowed`}; expected one of ${choices.join(', ')}`,
  };
}
