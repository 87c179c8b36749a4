/**
 * The plain anchor of the benchmark: what a team would build in an afternoon
 * with InstantSearch. One record per document with the seven facets, the
 * whole text in one attribute, Meilisearch's default limits; queried with a
 * 30-word crop and highlighting. The portal is measured against it in the
 * same run, on the same archive, with the same query mix.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { markdownToText } from '../content/render.ts';
import { readAllDocuments } from '../content/store.ts';
import { waitOk } from '../meili/indexer.ts';
import type { MeiliConnection } from '../meili/server.ts';
import { FACET_NAMES, facetValues } from '../schema/facets.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import { loadNdjson } from './ndjson.ts';
import { parseSearchParams } from '../search/params.ts';
import { buildFilter, sortOf } from '../search/request.ts';
import { clearanceFilter } from '../meili/filters.ts';

export function plainIndexName(prefix: string): string {
  return `${prefix}-plain`;
}

/** Writes the plain records (NDJSON) beforehand, so that only Meilisearch's work is timed. */
export async function writePlainRecords(content: string, file: string): Promise<void> {
  const out = await fs.open(file, 'w');
  try {
    for await (const { meta, body } of readAllDocuments(content, () => undefined)) {
      if (meta.withdrawn) continue;
      const record = {
        id: meta.id,
        title: meta.title,
        number: meta.number ?? null,
        summary: meta.summary ?? null,
        text: markdownToText(body),
        issued: meta.issued ?? null,
        issuedTs: meta.issued ? isoDateToTimestamp(meta.issued) : null,
        ...facetValues(meta),
      };
      await out.write(`${JSON.stringify(record)}\n`);
    }
  } finally {
    await out.close();
  }
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

/** A place for the plain records beside the raw ones. */
export function plainRecordsFile(workDir: string): string {
  return path.join(workDir, 'plain.ndjson');
}
