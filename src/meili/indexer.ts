/**
 * Writes to the index. A rebuild fills a staging index and swaps it in, so
 * searches never see a half-built index; every task is awaited and checked.
 */
import type { Meilisearch } from 'meilisearch';
import { readAllDocuments, type StoredDocument } from '../content/store.ts';
import { liveIndexName } from './client.ts';
import { toRecord, type SearchRecord } from './records.ts';
import { INDEX_SETTINGS } from './settings.ts';
import type { RebuildProgress } from './state.ts';
import { VankhoError } from '../errors.ts';
import { IndexTaskError, settleQueue, waitAll, waitOk } from './tasks.ts';

export { IndexTaskError, waitOk };

const BATCH_SIZE = 1000;
// How often a rebuild records how far it got while Meilisearch works.
const PROGRESS_EVERY_MS = 30_000;

/** A rebuild stopped by its signal: its staging index and progress are kept, to be resumed. */
export class RebuildInterruptedError extends VankhoError {
  override name = 'RebuildInterruptedError';
}

export interface RebuildResult {
  index: string;
  documents: number;
  /** Records sent: one per document. */
  records: number;
  invalid: { file: string; reason: string }[];
  /** Document files an earlier, interrupted run of this rebuild had already sent. */
  resumedFrom: number;
  /** Seconds over all runs of this rebuild. */
  seconds: number;
}

export interface RebuildOptions {
  /** Where an interrupted run got to; its staging index must still exist. */
  resume?: RebuildProgress;
  /** Called after each batch is enqueued, so that a killed run can be resumed from there. */
  onProgress?: (progress: RebuildProgress) => Promise<void>;
  /** Stops after the batch being sent, keeping the staging index for a later run. */
  signal?: AbortSignal;
  batchSize?: number;
  /** What `RebuildProgress` records the run was made from. */
  fingerprint: string;
  shape: string;
}

/**
 * Builds the whole index from the content folder and swaps it in atomically.
 * A million documents take hours: progress is recorded after every batch, and
 * a run given `resume` goes on from there instead of starting over.
 */
export async function rebuildIndex(
  client: Meilisearch,
  prefix: string,
  contentDir: string,
  options: RebuildOptions,
): Promise<RebuildResult> {
  const live = liveIndexName(prefix);
  const started = performance.now();
  const resume = options.resume;
  const staging = resume?.staging ?? `${live}-staging-${String(Date.now())}`;
  await removeLeftovers(client, live, resume?.staging);
  if (!resume) {
    await waitOk(client.createIndex(staging, { primaryKey: 'id' }), `create ${staging}`);
  }
  const interrupted = { keepStaging: false };
  try {
    if (!resume) {
      await waitOk(client.index(staging).updateSettings(INDEX_SETTINGS), `configure ${staging}`);
    }
    const before = resume ?? { files: 0, documents: 0, records: 0, invalid: [], seconds: 0 };
    const invalid = [...before.invalid];
    const fresh = invalid.length;
    const progress = (sent: { documents: number; records: number }): RebuildProgress => ({
      staging,
      fingerprint: options.fingerprint,
      shape: options.shape,
      files: before.files + sent.documents + invalid.length - fresh,
      documents: before.documents + sent.documents,
      records: before.records + sent.records,
      invalid,
      seconds: before.seconds + (performance.now() - started) / 1000,
    });
    const stopped = (reason: unknown, files: number) => {
      interrupted.keepStaging = true;
      return new RebuildInterruptedError(
        `The rebuild of ${live} stopped after ${String(files)} document files; the next run goes on from there`,
        { cause: reason },
      );
    };
    let counts = { documents: 0, records: 0 };
    // While Meilisearch works through the queue (hours at 1M), the time spent is kept too.
    const ticker = setInterval(() => {
      void options.onProgress?.(progress(counts)).catch((error: unknown) => {
        console.error(new Error('Failed to record the rebuild progress', { cause: error }));
      });
    }, PROGRESS_EVERY_MS);
    let sent;
    try {
      sent = await addInBatches(
        client,
        staging,
        readAllDocuments(
          contentDir,
          (file, error) => invalid.push({ file, reason: error.message }),
          before.files,
        ),
        {
          batchSize: options.batchSize,
          // The queue is waited for below, with the tasks of earlier runs.
          wait: false,
          afterFlush: async (now) => {
            counts = now;
            await options.onProgress?.(progress(now));
            if (options.signal?.aborted) throw stopped(options.signal.reason, progress(now).files);
          },
        },
      );
      await settleQueue(
        client,
        staging,
        `add documents to ${staging}`,
        (reason) => stopped(reason, progress(counts).files),
        options.signal,
      );
    } finally {
      clearInterval(ticker);
    }
    const done = progress(sent);
    const stats = await client.index(staging).getStats();
    if (stats.numberOfDocuments !== done.records) {
      throw new IndexTaskError(
        `${staging} holds ${String(stats.numberOfDocuments)} records, ${String(done.records)} were sent`,
      );
    }
    if (!(await indexExists(client, live))) {
      await waitOk(client.createIndex(live, { primaryKey: 'id' }), `create ${live}`);
    }
    await waitOk(
      client.swapIndexes([{ indexes: [live, staging], rename: false }]),
      `swap ${staging} in`,
    );
    return {
      index: live,
      documents: done.documents,
      records: done.records,
      invalid,
      resumedFrom: before.files,
      seconds: done.seconds,
    };
  } finally {
    // After the swap the staging name holds the old index; before it, a partial one,
    // kept only when the run was interrupted on purpose, to be resumed.
    if (!interrupted.keepStaging) await waitOk(client.deleteIndex(staging), `delete ${staging}`);
  }
}

/**
 * Replaces documents in the live index, creating it when missing. One record
 * per document, keyed by its id: a new record replaces the old one, so nothing
 * is deleted first (a deletion by filter cost ~10 s per 1,000 ids at 100k).
 */
export async function upsertDocuments(
  client: Meilisearch,
  prefix: string,
  documents: AsyncIterable<StoredDocument> | Iterable<StoredDocument>,
): Promise<number> {
  const live = liveIndexName(prefix);
  if (!(await indexExists(client, live))) {
    await waitOk(client.createIndex(live, { primaryKey: 'id' }), `create ${live}`);
  }
  await waitOk(client.index(live).updateSettings(INDEX_SETTINGS), `configure ${live}`);
  return (await addInBatches(client, live, documents)).documents;
}

/** Removes documents from the live index by id (the record's primary key). */
export async function deleteDocuments(client: Meilisearch, prefix: string, ids: string[]) {
  const live = liveIndexName(prefix);
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    await waitOk(
      client.index(live).deleteDocuments(ids.slice(start, start + BATCH_SIZE)),
      `delete documents from ${live}`,
    );
  }
}

interface BatchOptions {
  batchSize?: number | undefined;
  /** Whether to wait for the batches' tasks (default); a rebuild waits for its whole queue itself. */
  wait?: boolean;
  /** Called after each batch is enqueued, with what was sent so far. */
  afterFlush?: (sent: { documents: number; records: number }) => Promise<void>;
}

async function addInBatches(
  client: Meilisearch,
  index: string,
  documents: AsyncIterable<StoredDocument> | Iterable<StoredDocument>,
  options: BatchOptions = {},
): Promise<{ documents: number; records: number }> {
  // Every batch is enqueued as soon as it is made and awaited only at the end: Meilisearch
  // merges queued additions into large batches, as when all records arrive at once, while
  // this process reads the next documents. Only the batch being sent is held in memory;
  // the rest waits in Meilisearch's queue on disk (and survives its restart).
  const size = options.batchSize ?? BATCH_SIZE;
  const uids: number[] = [];
  let batch: SearchRecord[] = [];
  let records = 0;
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const enqueued = await client
      .index<SearchRecord>(index)
      .addDocuments(batch, { primaryKey: 'id' });
    uids.push(enqueued.taskUid);
    records += batch.length;
    batch = [];
    await options.afterFlush?.({ documents: count, records });
  };
  for await (const document of documents) {
    batch.push(toRecord(document));
    count++;
    if (batch.length >= size) await flush();
  }
  await flush();
  if (options.wait !== false) await waitAll(client, uids, `add documents to ${index}`);
  return { documents: count, records };
}

export async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getRawIndex(uid);
    return true;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
    throw error;
  }
}

/** Staging indexes left by a crashed rebuild, except the one a rebuild is resuming. */
export async function removeLeftovers(
  client: Meilisearch,
  live: string,
  keep?: string,
): Promise<void> {
  const { results } = await client.getRawIndexes({ limit: 1000 });
  for (const { uid } of results) {
    if (uid.startsWith(`${live}-staging-`) && uid !== keep) {
      await waitOk(client.deleteIndex(uid), `delete ${uid}`);
    }
  }
}
