/**
 * A search's whole result set, read from the index a page at a time in the
 * order the search ranks it, only documents the clearance may see: for the CSV
 * download and for BagIt packages.
 */
import type { Clearance } from '../access/clearance.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import type { SearchRecord } from '../meili/records.ts';
import type { SearchParams } from './params.ts';
import { repairQuery } from './repair.ts';
import { buildFilter, sortOf } from './request.ts';

const PAGE = 1_000;

/** `total` is how many the search found in all; `hits` stops after `max` of them. */
export async function resultSet(
  backend: SearchBackend,
  params: SearchParams,
  clearance: Clearance,
  attributes: string[],
  max: number,
): Promise<{ total: number; hits: AsyncGenerator<SearchRecord> }> {
  const index = backend.client.index<SearchRecord>(backend.index);
  const page = (q: string, offset: number) =>
    guard(() =>
      index.search(q, {
        filter: buildFilter(params, clearance),
        offset,
        limit: PAGE,
        ...sortOf(params),
        attributesToRetrieve: attributes,
      }),
    );
  // The query the results page searched: a repair for a query typed without diacritics,
  // unless it finds nothing (search.ts decides the same way).
  const repaired = repairQuery(params.q);
  let query = repaired ?? params.q;
  let first = await page(query, 0);
  if (repaired && first.estimatedTotalHits === 0) {
    query = params.q;
    first = await page(query, 0);
  }
  const total = first.estimatedTotalHits;
  async function* hits(): AsyncGenerator<SearchRecord> {
    let batch = first.hits;
    for (let offset = 0; offset < Math.min(total, max) && batch.length > 0;) {
      yield* batch.slice(0, max - offset);
      offset += batch.length;
      if (offset < Math.min(total, max)) batch = (await page(query, offset)).hits;
    }
  }
  return { total, hits: hits() };
}
