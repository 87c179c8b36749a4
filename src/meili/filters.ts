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
