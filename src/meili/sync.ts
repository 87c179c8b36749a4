/** Keeps the index in step with the content folder, rebuilding only when needed. */
import type { Meilisearch } from 'meilisearch';
import { readDocumentSync } from '../content/store.ts';
import { liveIndexName } from './client.ts';
import {
  deleteDocuments,
  indexExists,
  rebuildIndex,
  removeLeftovers,
  upsertDocuments,
  waitOk,
} from './indexer.ts';
import { fingerprints as measureFingerprints, quickFingerprint } from '../content/fingerprint.ts';
import {
  INDEX_SHAPE,
  readIndexState,
  readRebuildProgress,
  removeRebuildProgress,
  writeIndexState,
  writeRebuildProgress,
  type IndexState,
  type RebuildProgress,
} from './state.ts';

export interface IndexTarget {
  client: Meilisearch;
  prefix: string;
  contentDir: string;
  dataDir: string;
}

export interface SyncResult {
  rebuilt: boolean;
  documents: number;
  invalid: { file: string; reason: string }[];
  /** A rebuild resumed: the document files an interrupted run had already sent. */
  resumedFrom?: number;
  /** A rebuild: its seconds over all its runs. */
  seconds?: number;
}

/** Whether the live index matches the content folder as last indexed. */
export async function isIndexCurrent(target: IndexTarget, fingerprint: string): Promise<boolean> {
  const state = await readIndexState(target.dataDir, target.prefix);
  if (state?.fingerprint !== fingerprint) return false;
  return liveIndexMatches(target, state);
}

async function liveIndexMatches(target: IndexTarget, state: IndexState): Promise<boolean> {
  if (state.shape !== INDEX_SHAPE) return false;
  const live = liveIndexName(target.prefix);
  if (!(await indexExists(target.client, live))) return false;
  const stats = await target.client.index(live).getStats();
  return stats.numberOfDocuments === state.records;
}

export interface EnsureOptions {
  /** Stops a rebuild after the batch being sent; the next rebuild goes on from there. */
  signal?: AbortSignal;
  batchSize?: number;
}

/** Rebuilds the index when the content changed since the last rebuild (or when forced). */
export async function ensureIndexed(
  target: IndexTarget,
  force = false,
  options: EnsureOptions = {},
): Promise<SyncResult> {
  const progress = await readRebuildProgress(target.dataDir, target.prefix);
  // A rebuild that crashed left a staging index behind: cleaned at every start, unless
  // it recorded how far it got, which is decided below.
  await removeLeftovers(target.client, liveIndexName(target.prefix), progress?.staging);
  const state = await readIndexState(target.dataDir, target.prefix);
  // Quick first: shard folder times say in milliseconds that nothing was written,
  // so a start on an indexed archive does not stat every document.
  if (
    !force &&
    state &&
    state.quick === (await quickFingerprint(target.contentDir)) &&
    (await liveIndexMatches(target, state))
  ) {
    await dropProgress(target, progress);
    return { rebuilt: false, documents: state.documents, invalid: [] };
  }
  const current = await measureFingerprints(target.contentDir);
  if (!force && state?.fingerprint === current.full && (await liveIndexMatches(target, state))) {
    await dropProgress(target, progress);
    await writeIndexState(target.dataDir, target.prefix, { ...state, quick: current.quick });
    return { rebuilt: false, documents: state.documents, invalid: [] };
  }
  const resume = (await canResume(target, progress, current.full)) ? progress : undefined;
  if (!resume) await dropProgress(target, progress);
  const result = await rebuildIndex(target.client, target.prefix, target.contentDir, {
    ...(resume && { resume }),
    ...options,
    fingerprint: current.full,
    shape: INDEX_SHAPE,
    onProgress: (made) => writeRebuildProgress(target.dataDir, target.prefix, made),
  });
  await removeRebuildProgress(target.dataDir, target.prefix);
  await writeIndexState(target.dataDir, target.prefix, {
    fingerprint: current.full,
    quick: current.quick,
    shape: INDEX_SHAPE,
    documents: result.documents,
    records: result.records,
    indexedAt: new Date().toISOString(),
  });
  return {
    rebuilt: true,
    documents: result.documents,
    invalid: result.invalid,
    resumedFrom: result.resumedFrom,
    seconds: result.seconds,
  };
}

/**
 * An interrupted rebuild goes on only from the same content and index shape,
 * into its staging index as it was left: none of its tasks may have failed.
 */
async function canResume(
  target: IndexTarget,
  progress: RebuildProgress | undefined,
  fingerprint: string,
): Promise<boolean> {
  if (!progress || progress.fingerprint !== fingerprint || progress.shape !== INDEX_SHAPE)
    return false;
  if (!(await indexExists(target.client, progress.staging))) return false;
  const failed = await target.client.tasks.getTasks({
    indexUids: [progress.staging],
    statuses: ['failed', 'canceled'],
    limit: 1,
  });
  return failed.results.length === 0;
}

async function dropProgress(target: IndexTarget, progress: RebuildProgress | undefined) {
  if (!progress) return;
  if (await indexExists(target.client, progress.staging)) {
    await waitOk(target.client.deleteIndex(progress.staging), `delete ${progress.staging}`);
  }
  await removeRebuildProgress(target.dataDir, target.prefix);
}

/**
 * Applies the changes of one ingest run. When the index was current before the
 * run, only the changed documents are sent; otherwise the index is rebuilt.
 */
export async function applyChanges(
  target: IndexTarget,
  fingerprints: { before: string; after: string; quickAfter: string },
  changedIds: Iterable<string>,
  removedIds: string[],
): Promise<SyncResult> {
  if (!(await isIndexCurrent(target, fingerprints.before))) return ensureIndexed(target, true);
  // A changed id whose document is gone from the content leaves the index too. The ids are
  // read once, as they come: after a first ingest they are a million.
  const gone: string[] = [];
  function* present() {
    for (const id of changedIds) {
      const document = readDocumentSync(target.contentDir, id);
      if (document) yield document;
      else gone.push(id);
    }
  }
  await upsertDocuments(target.client, target.prefix, present());
  await deleteDocuments(target.client, target.prefix, [...removedIds, ...gone]);
  const stats = await target.client.index(liveIndexName(target.prefix)).getStats();
  // One record per document.
  const documents = stats.numberOfDocuments;
  await writeIndexState(target.dataDir, target.prefix, {
    fingerprint: fingerprints.after,
    quick: fingerprints.quickAfter,
    shape: INDEX_SHAPE,
    documents,
    records: stats.numberOfDocuments,
    indexedAt: new Date().toISOString(),
  });
  return { rebuilt: false, documents, invalid: [] };
}
