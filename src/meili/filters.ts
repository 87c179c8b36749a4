/** Meilisearch filter expressions, with values quoted so that no value can change the expression. */
import { visibleLevels, type Clearance } from '../access/clearance.ts';

export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function inFilter(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`;
}

/** The levels a visitor of this clearance may see, as a filter: in tenant tokens and in every query. */
export function clearanceFilter(clearance: Clearance): string {
  return inFilter('classification', visibleLevels(clearance));
}

/**
 * What a listing may show a visitor of this clearance: the levels they may see,
 * and no withdrawn document (its tombstone answers only the gate and OAI-PMH).
 * Every search, facet, browse, feed and sitemap query filters with this.
 */
export function listedFilter(clearance: Clearance): string {
  return `${clearanceFilter(clearance)} AND withdrawn = false`;
}
