/**
 * Writes to the index. A rebuild fills a staging index and swaps it in, so
 * searches never see a half-built index; every task is awaited and checked.
 */
import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import { readAllDocuments, type StoredDocument } from '../content/store.ts';
import { liveIndexName } from './client.ts';
import { toRecord, type SearchRecord } from './records.ts';
import { INDEX_SETTINGS } from './settings.ts';
import { VankhoError } from '../errors.ts';

/** A Meilisearch task that ended in any state but `succeeded`. */
export class IndexTaskError extends VankhoError {
  override name = 'IndexTaskError';
}

const TASK_TIMEOUT_MS = 10 * 60_000;
const BATCH_SIZE = 1000;

export async function waitOk(pending: EnqueuedTaskPromise, what: string): Promise<Task> {
  return checked(await pending.waitTask({ timeout: TASK_TIMEOUT_MS, interval: 20 }), what);
}

function checked(task: Task, what: string): Task {
  if (task.status !== 'succeeded') {
    const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
    throw new IndexTaskError(`Meilisearch could not ${what} (${reason})`, { cause: task.error });
  }
  return task;
}

/** Waits for tasks enqueued earlier, in order; each must have succeeded. */
async function waitAll(client: Meilisearch, uids: number[], what: string): Promise<void> {
  for (const uid of uids) {
    // A rebuild of a large archive queues hours of work at once: the limit is per task.
    const task = await client.tasks.waitForTask(uid, { timeout: TASK_TIMEOUT_MS, interval: 50 });
    checked(task, what);
  }
}

export interface RebuildResult {
  index: string;
  documents: number;
  /** Records sent: one per document. */
  records: number;
  invalid: { file: string; reason: string }[];
}

/** Builds the whole index from the content folder and swaps it in atomically. */
export async function rebuildIndex(
  client: Meilisearch,
  prefix: string,
  contentDir: string,
): Promise<RebuildResult> {
  const live = liveIndexName(prefix);
  await removeLeftovers(client, live);
  const staging = `${live}-staging-${String(Date.now())}`;
  await waitOk(client.createIndex(staging, { primaryKey: 'id' }), `create ${staging}`);
  try {
    await waitOk(client.index(staging).updateSettings(INDEX_SETTINGS), `configure ${staging}`);
    const invalid: RebuildResult['invalid'] = [];
    const { documents, records } = await addInBatches(
      client,
      staging,
      readAllDocuments(contentDir, (file, error) => invalid.push({ file, reason: error.message })),
    );
    const stats = await client.index(staging).getStats();
    if (stats.numberOfDocuments !== records) {
      throw new IndexTaskError(
        `${staging} holds ${String(stats.numberOfDocuments)} records, ${String(records)} were sent`,
      );
    }
    if (!(await indexExists(client, live))) {
      await waitOk(client.createIndex(live, { primaryKey: 'id' }), `create ${live}`);
    }
    await waitOk(
      client.swapIndexes([{ indexes: [live, staging], rename: false }]),
      `swap ${staging} in`,
    );
    return { index: live, documents, records, invalid };
  } finally {
    // After the swap the staging name holds the old index; before it, a partial one.
    await waitOk(client.deleteIndex(staging), `delete ${staging}`);
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

async function addInBatches(
  client: Meilisearch,
  index: string,
  documents: AsyncIterable<StoredDocument> | Iterable<StoredDocument>,
): Promise<{ documents: number; records: number }> {
  // Every batch is enqueued as soon as it is made and awaited only at the end: Meilisearch
  // merges queued additions into large batches, as when all records arrive at once, while
  // this process reads the next documents. Only the batch being sent is held in memory;
  // the rest waits in Meilisearch's queue on disk.
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
  };
  for await (const document of documents) {
    batch.push(toRecord(document));
    count++;
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();
  await waitAll(client, uids, `add documents to ${index}`);
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

/** Staging indexes left by a crashed rebuild. */
export async function removeLeftovers(client: Meilisearch, live: string): Promise<void> {
  const { results } = await client.getRawIndexes({ limit: 1000 });
  for (const { uid } of results) {
    if (uid.startsWith(`${live}-staging-`)) await waitOk(client.deleteIndex(uid), `delete ${uid}`);
  }
}
