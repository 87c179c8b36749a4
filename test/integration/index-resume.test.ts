/**
 * A rebuild of a million documents takes hours: one that is stopped goes on
 * from its last batch, into the same staging index, and never from content
 * that changed since.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFiles, readDocument, writeDocument } from '../../src/content/store.ts';
import { liveIndexName } from '../../src/meili/client.ts';
import { indexExists, RebuildInterruptedError } from '../../src/meili/indexer.ts';
import { readRebuildProgress } from '../../src/meili/state.ts';
import { ensureIndexed, type IndexTarget } from '../../src/meili/sync.ts';
import { sampleIndexTarget, startTestMeili, type TestMeili } from '../helpers/meili.ts';

let meili: TestMeili;
let target: IndexTarget;
let total = 0;

beforeAll(async () => {
  meili = await startTestMeili();
  target = await sampleIndexTarget(meili, 'resume-test');
  for await (const file of documentFiles(target.contentDir)) if (file) total++;
});
afterAll(() => meili.close());

/** Starts a rebuild that stops after its first batch of `size`, as a stopped `npm run index` does. */
async function interrupted(size: number) {
  const controller = new AbortController();
  controller.abort(new Error('stopped by the test'));
  const run = ensureIndexed(target, true, { batchSize: size, signal: controller.signal });
  await expect(run).rejects.toBeInstanceOf(RebuildInterruptedError);
  const progress = await readRebuildProgress(target.dataDir, target.prefix);
  if (!progress) throw new Error('no progress recorded');
  return progress;
}

async function stagingIndexes(): Promise<string[]> {
  const { results } = await target.client.getRawIndexes({ limit: 1000 });
  return results.map((index) => index.uid).filter((uid) => uid.includes('-staging-'));
}

describe('a rebuild stopped half way', () => {
  it('goes on from its last batch and swaps in a complete index', async () => {
    expect(total).toBeGreaterThan(100);
    const progress = await interrupted(60);
    expect(progress.files).toBe(60);
    expect(progress.records).toBe(60);
    expect(await stagingIndexes()).toEqual([progress.staging]);
    expect(await indexExists(target.client, liveIndexName(target.prefix))).toBe(false);

    const result = await ensureIndexed(target, true, { batchSize: 60 });
    expect(result).toMatchObject({ rebuilt: true, documents: total, resumedFrom: 60 });
    const live = target.client.index(liveIndexName(target.prefix));
    expect((await live.getStats()).numberOfDocuments).toBe(total);
    // A document of the first run's batch is in the index swapped in.
    const first = await documentFiles(target.contentDir).next();
    const id = path.basename(String(first.value), '.md');
    expect((await live.search('', { filter: `docId = "${id}"` })).hits).toHaveLength(1);
    expect(await stagingIndexes()).toEqual([]);
    expect(await readRebuildProgress(target.dataDir, target.prefix)).toBeUndefined();
  });

  it('starts over when the content changed in between', async () => {
    const progress = await interrupted(50);
    const first = await documentFiles(target.contentDir).next();
    const doc = await readDocument(target.contentDir, path.basename(String(first.value), '.md'));
    if (!doc) throw new Error('no document');
    await writeDocument(target.contentDir, { ...doc, body: `${doc.body}\nMột dòng sửa.\n` });

    const result = await ensureIndexed(target, false, { batchSize: 50 });
    expect(result).toMatchObject({ rebuilt: true, documents: total, resumedFrom: 0 });
    expect(await indexExists(target.client, progress.staging)).toBe(false);
    expect(await stagingIndexes()).toEqual([]);
  });

  it('is forgotten when the index turns out current', async () => {
    const progress = await interrupted(50);
    expect((await ensureIndexed(target)).rebuilt).toBe(false);
    expect(await indexExists(target.client, progress.staging)).toBe(false);
    expect(await readRebuildProgress(target.dataDir, target.prefix)).toBeUndefined();
  });
});
