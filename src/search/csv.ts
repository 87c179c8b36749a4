/**
 * A search's result set as CSV, for a researcher's spreadsheet: up to
 * MAX_ROWS documents the visitor may see, in the order the search ranks them,
 * read from the index a page at a time and written as they come.
 */
import { stringify } from 'csv-stringify';
import type { Clearance } from '../access/clearance.ts';
import type { SearchBackend } from '../meili/guard.ts';
import type { SearchParams } from './params.ts';
import { resultSet } from './result-set.ts';
import { documentPermalink } from './url.ts';

export const MAX_ROWS = 10_000;
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
  // The columns as the record names them: its id is `docId`, the URL is made here.
  const attributes = CSV_COLUMNS.flatMap((column) =>
    column === 'url' ? [] : [column === 'id' ? 'docId' : column],
  );
  const { total, hits } = await resultSet(backend, params, clearance, attributes, MAX_ROWS);
  async function* rows(): AsyncGenerator<Row> {
    for await (const hit of hits) {
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
