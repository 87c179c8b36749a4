/** Links between result pages: the current search with one thing changed. */
import { FACET_NAMES, isFacetName, type FacetName } from '../schema/facets.ts';
import type { SearchParams } from './params.ts';

/** The search's parameters as name/value pairs, defaults left out: for links and hidden fields. */
export function searchFields(params: SearchParams): [string, string][] {
  const fields: [string, string][] = [];
  if (params.q) fields.push(['q', params.q]);
  for (const name of FACET_NAMES)
    for (const value of params.filters[name] ?? []) fields.push([name, value]);
  if (params.issuedFrom) fields.push(['issuedFrom', params.issuedFrom]);
  if (params.issuedTo) fields.push(['issuedTo', params.issuedTo]);
  if (params.inForceOn) fields.push(['inForceOn', params.inForceOn]);
  if (params.sort !== 'relevance') fields.push(['sort', params.sort]);
  if (params.page !== 1) fields.push(['page', String(params.page)]);
  if (params.perPage !== 20) fields.push(['perPage', String(params.perPage)]);
  return fields;
}

export function searchQueryString(params: SearchParams): string {
  const text = new URLSearchParams(searchFields(params)).toString();
  return text ? `?${text}` : '';
}

/** The search with a facet value added or removed, back on page 1. */
export function toggleFacetUrl(params: SearchParams, facet: FacetName, value: string): string {
  const current = params.filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return `/search${searchQueryString({ ...params, page: 1, filters: { ...params.filters, [facet]: next } })}`;
}

export function pageUrl(params: SearchParams, page: number): string {
  return `/search${searchQueryString({ ...params, page })}`;
}

/** The search with issue dates from `issuedFrom` on (and up to `issuedTo`, if given), back on page 1. */
export function dateRangeUrl(params: SearchParams, issuedFrom: string, issuedTo?: string): string {
  return `/search${searchQueryString({ ...params, page: 1, issuedFrom, issuedTo })}`;
}

/** The search without one filter: a facet, "issued" (the date range) or "inForceOn". */
export function dropFilterUrl(params: SearchParams, drop: string): string {
  const next: SearchParams = { ...params, page: 1, filters: { ...params.filters } };
  if (drop === 'issued') Object.assign(next, { issuedFrom: undefined, issuedTo: undefined });
  else if (drop === 'inForceOn') next.inForceOn = undefined;
  else if (isFacetName(drop)) next.filters[drop] = [];
  return `/search${searchQueryString(next)}`;
}

/** A document's page: the one place its path is spelt. */
export function documentPath(id: string): string {
  return `/documents/${encodeURIComponent(id)}`;
}

/** The document's absolute permalink, on the origin visitors use. */
export function documentPermalink(origin: string, id: string): string {
  return `${origin}${documentPath(id)}`;
}
