/**
 * The plain anchor of the benchmark: what a team would build in an afternoon
 * with InstantSearch. One record per document with the seven facets, the
 * whole text in one attribute, Meilisearch's default limits; queried with a
 * 30-word crop and highlighting. The portal is measured against it in the
 * same run, on the same archive, with the same query mix.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { markdownToText } from '../content/render.ts';
import { readAllDocuments } from '../content/store.ts';
import { waitOk } from '../meili/indexer.ts';
import type { MeiliConnection } from '../meili/server.ts';
import { FACET_NAMES, facetValues, type FacetName } from '../schema/facets.ts';
import type { ArchiveDocument } from '../schema/document.ts';
import type { SampleDraw } from '../sample/generate.ts';
import { photoVariant, sampleReading } from '../sample/formats.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import { loadNdjson } from './ndjson.ts';
import { directSearch, type SearchCall } from './searches.ts';
import { parseSearchParams } from '../search/params.ts';
import { buildFilter, sortOf } from '../search/request.ts';
import { clearanceFilter } from '../meili/filters.ts';

export function plainIndexName(prefix: string): string {
  return `${prefix}-plain`;
}

type PlainFields = Pick<ArchiveDocument, 'id' | 'title' | 'number' | 'summary' | 'issued'> & {
  text: string;
  facets: Record<FacetName, string[]>;
};

/** One document's plain record: the whole text in one attribute, the seven facets beside it. */
function plainRecord(fields: PlainFields): string {
  const { id, title, number, summary, text, issued, facets } = fields;
  const record = {
    id,
    title,
    number: number ?? null,
    summary: summary ?? null,
    text,
    issued: issued ?? null,
    issuedTs: issued ? isoDateToTimestamp(issued) : null,
    ...facets,
  };
  return `${JSON.stringify(record)}\n`;
}

/** Writes lines to a file, waiting whenever the stream asks to. */
async function writeLines(file: string, lines: Iterable<string> | AsyncIterable<string>) {
  const out = createWriteStream(file);
  const finished = once(out, 'finish');
  for await (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await finished;
}

/** Writes the plain records (NDJSON) beforehand, so that only Meilisearch's work is timed. */
export async function writePlainRecords(content: string, file: string): Promise<void> {
  async function* records() {
    for await (const { meta, body } of readAllDocuments(content, () => undefined)) {
      if (meta.withdrawn) continue;
      yield plainRecord({ ...meta, text: markdownToText(body), facets: facetValues(meta) });
    }
  }
  await writeLines(file, records());
}

/**
 * The plain records of a sample archive straight from the generator, without
 * its files or an ingest: what a million documents' anchor can be built from
 * in a session. The same documents the ingest of `npm run sample`'s files
 * gives, read as the ingest reads each format (`sampleReading`); a photograph
 * whose bytes an earlier one had is left out, as the ingest joins such a copy
 * to its twin (which of the copies describes the document follows the
 * ingest's file order, not this one). Returns the records written.
 */
export async function writePlainRecordsFromSample(
  sample: Iterable<SampleDraw>,
  file: string,
  collection: string,
): Promise<number> {
  const photos = new Set<number>();
  let written = 0;
  function* records() {
    for (const { doc, format } of sample) {
      if (format === 'jpg') {
        if (photos.has(photoVariant(doc.seed))) continue;
        photos.add(photoVariant(doc.seed));
      }
      const { title, text, summary } = sampleReading(doc, format);
      written++;
      yield plainRecord({
        id: `sample-${String(doc.seed)}`,
        title,
        number: doc.number,
        summary,
        issued: doc.issued,
        text,
        facets: facetValues({ ...doc, collection }),
      });
    }
  }
  await writeLines(file, records());
  return written;
}

/** Whether a work folder's Meilisearch holds a plain anchor already. */
export async function hasPlainIndex(client: Meilisearch, prefix: string): Promise<boolean> {
  const indexes = await client.getIndexes({ limit: 1000 });
  return indexes.results.some((index) => index.uid === plainIndexName(prefix));
}

/** Builds the plain index from the records file, all batches sent at once; returns seconds. */
export async function buildPlainIndex(
  meili: MeiliConnection,
  client: Meilisearch,
  prefix: string,
  records: string,
): Promise<number> {
  const name = plainIndexName(prefix);
  // A work folder's earlier anchor goes first: the index is measured from nothing.
  if (await hasPlainIndex(client, prefix))
    await waitOk(client.deleteIndex(name), 'delete the earlier plain index');
  const started = performance.now();
  await waitOk(client.createIndex(name, { primaryKey: 'id' }), 'create the plain index');
  await waitOk(
    client.index(name).updateSettings({
      filterableAttributes: [...FACET_NAMES, 'issuedTs'],
      sortableAttributes: ['issuedTs'],
    }),
    'configure the plain index',
  );
  await loadNdjson(meili, client, name, records);
  return (performance.now() - started) / 1000;
}

/** The request a plain InstantSearch page sends for one query of the mix, as an anonymous visitor. */
export function plainRequest(query: string): Record<string, unknown> {
  const params = parseSearchParams(new URLSearchParams(query));
  // Its records leave withdrawn documents out, so the visitor's levels are its whole first filter.
  const [, ...chosen] = buildFilter(params, 'public');
  return {
    q: params.q,
    filter: [clearanceFilter('public'), ...chosen],
    facets: [...FACET_NAMES],
    page: params.page,
    hitsPerPage: params.perPage,
    ...sortOf(params),
    // What a result list shows; the whole text is only cropped (a fair, strong baseline).
    attributesToRetrieve: ['id', 'title', 'number', 'issued', ...FACET_NAMES],
    attributesToCrop: ['text'],
    cropLength: 30,
    attributesToHighlight: ['title', 'text'],
  };
}

/** The i-th query of the mix sent to the plain anchor, as its InstantSearch page would. */
export function plainSearch(meili: MeiliConnection, prefix: string, mix: string[]): SearchCall {
  return (i) =>
    directSearch(
      meili,
      plainIndexName(prefix),
      JSON.stringify(plainRequest(mix[i % mix.length] ?? 'q=')),
    );
}

/** A place for the plain records beside the raw ones. */
export function plainRecordsFile(workDir: string): string {
  return path.join(workDir, 'plain.ndjson');
}
