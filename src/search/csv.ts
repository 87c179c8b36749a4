/**
 * A search's result set as CSV, for a researcher's spreadsheet: up to
 * MAX_ROWS documents the visitor may see, in the order the search ranks them,
 * read from the index a page at a time and written as they come.
 */
import { stringify } from 'csv-stringify';
import type { Clearance } from '../access/clearance.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import type { SearchRecord } from '../meili/records.ts';
import type { SearchParams } from './params.ts';
import { repairQuery } from './repair.ts';
import { buildFilter, sortOf } from './request.ts';
import { documentPermalink } from './url.ts';

export const MAX_ROWS = 10_000;
const PAGE = 1_000;
export const CSV_COLUMNS = [
  'id',
  'number',
  'title',
  'type',
  'issuer',
  'issued',
  'status',
  'language',
  'classification',
  'url',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

/** The rows, a page of the index at a time; `total` is how many the search found in all. */
export async function searchRows(
  backend: SearchBackend,
  params: SearchParams,
  clearance: Clearance,
  origin: string,
): Promise<{ total: number; rows: AsyncGenerator<Row> }> {
  const index = backend.client.index<SearchRecord>(backend.index);
  const page = (q: string, offset: number) =>
    guard(() =>
      index.search(q, {
        filter: buildFilter(params, clearance),
        offset,
        limit: PAGE,
        ...sortOf(params),
        // The columns as the record names them: its id is `docId`, the URL is made here.
        attributesToRetrieve: CSV_COLUMNS.flatMap((column) =>
          column === 'url' ? [] : [column === 'id' ? 'docId' : column],
        ),
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
  async function* rows(): AsyncGenerator<Row> {
    let hits = first.hits;
    for (let offset = 0; offset < Math.min(total, MAX_ROWS) && hits.length > 0;) {
      for (const hit of hits.slice(0, MAX_ROWS - offset)) {
        yield {
          id: hit.docId,
          number: hit.number ?? '',
          title: hit.title,
          type: hit.type[0] ?? '',
          issuer: hit.issuer[0] ?? '',
          issued: hit.issued ?? '',
          status: hit.status[0] ?? '',
          language: hit.language[0] ?? '',
          classification: hit.classification[0] ?? '',
          url: documentPermalink(origin, hit.docId),
        };
      }
      offset += hits.length;
      if (offset < Math.min(total, MAX_ROWS)) hits = (await page(query, offset)).hits;
    }
  }
  return { total, rows: rows() };
}

/**
 * The rows as CSV text, streamed: a byte-order mark (so that spreadsheets read
 * UTF-8 Vietnamese), a header line, and cells that would start a formula escaped.
 */
export function csvStream(rows: AsyncIterable<Row>): ReadableStream<Uint8Array> {
  const csv = stringify({
    bom: true,
    header: true,
    columns: [...CSV_COLUMNS],
    escape_formulas: true,
  });
  void (async () => {
    try {
      for await (const row of rows) {
        if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  const encoder = new TextEncoder();
  const chunks: AsyncIterator<string | Uint8Array, undefined> = csv[Symbol.asyncIterator]();
  // Pulled as the client reads: a slow download holds a page of rows, not the result set.
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else
        controller.enqueue(
          typeof next.value === 'string' ? encoder.encode(next.value) : next.value,
        );
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}
