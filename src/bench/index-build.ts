/**
 * Index build times: the portal's rebuild from the content folder, the same
 * records sent straight to Meilisearch (raw), and the plain anchor.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { readAllDocuments } from '../content/store.ts';
import { createClient } from '../meili/client.ts';
import { waitOk } from '../meili/indexer.ts';
import { toRecord } from '../meili/records.ts';
import type { MeiliConnection } from '../meili/server.ts';
import { INDEX_SETTINGS } from '../meili/settings.ts';
import { ensureIndexed } from '../meili/sync.ts';
import { diskMb, round } from './measure.ts';
import { loadNdjson } from './ndjson.ts';
import { buildPlainIndex, plainRecordsFile, writePlainRecords } from './plain.ts';

/** The index prefix of every benchmark run. */
export const BENCH_PREFIX = 'bench';

export interface IndexBench {
  /** The portal's rebuild, over all its runs when it was resumed. */
  seconds: number;
  /** Document files an interrupted earlier run had sent (0: built in one go). */
  resumedFrom: number;
  /** 0 when left out. */
  rawSeconds: number;
  plainSeconds: number;
  diskMb: number;
}

export async function measureIndex(
  meili: MeiliConnection,
  paths: { content: string; dataDir: string; workDir: string },
  leaveOut: { raw: boolean; plain: boolean },
): Promise<IndexBench> {
  const client = createClient(meili.url, meili.masterKey);
  const { content, dataDir, workDir } = paths;
  const target = { client, prefix: BENCH_PREFIX, contentDir: content, dataDir };
  const built = await ensureIndexed(target, true);
  const seconds = round(built.seconds ?? 0, 2);
  const diskAfterIndex = await diskMb(dataDir);

  const rawSeconds = leaveOut.raw ? 0 : await measureRaw(meili, client, content, workDir);
  // The plain anchor, kept for the search measurements.
  const plainSeconds = leaveOut.plain ? 0 : await measurePlain(meili, content, workDir);
  return {
    seconds,
    resumedFrom: built.resumedFrom ?? 0,
    rawSeconds,
    plainSeconds,
    diskMb: diskAfterIndex,
  };
}

/** Builds the plain anchor from the content folder; the seconds are Meilisearch's, records written beforehand. */
export async function measurePlain(
  meili: MeiliConnection,
  content: string,
  workDir: string,
): Promise<number> {
  const client = createClient(meili.url, meili.masterKey);
  await writePlainRecords(content, plainRecordsFile(workDir));
  const seconds = await buildPlainIndex(meili, client, BENCH_PREFIX, plainRecordsFile(workDir));
  await fs.rm(plainRecordsFile(workDir));
  return round(seconds, 2);
}

/** The same records and settings, prepared beforehand and sent straight to Meilisearch. */
async function measureRaw(
  meili: MeiliConnection,
  client: ReturnType<typeof createClient>,
  content: string,
  workDir: string,
): Promise<number> {
  const records = path.join(workDir, 'records.ndjson');
  const out = await fs.open(records, 'w');
  for await (const doc of readAllDocuments(content, () => undefined))
    await out.write(`${JSON.stringify(toRecord(doc))}\n`);
  await out.close();
  const raw = `${BENCH_PREFIX}-raw`;
  const started = performance.now();
  await waitOk(client.createIndex(raw, { primaryKey: 'id' }), 'create the raw index');
  await waitOk(client.index(raw).updateSettings(INDEX_SETTINGS), 'configure the raw index');
  await loadNdjson(meili, client, raw, records);
  const rawSeconds = round((performance.now() - started) / 1000, 2);
  await waitOk(client.deleteIndex(raw), 'delete the raw index');
  await fs.rm(records);
  return rawSeconds;
}
