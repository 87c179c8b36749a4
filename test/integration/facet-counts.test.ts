/**
 * Facet counts kept per query shape (search/facet-counts.ts), against a real
 * Meilisearch: used again while the index is the same, computed again once a
 * document is written or the index swapped, and never shared between two
 * clearances' filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, liveIndexName } from '../../src/meili/client.ts';
import { clearanceFilter } from '../../src/meili/filters.ts';
import { ensureSearchKey } from '../../src/meili/keys.ts';
import { indexVersion } from '../../src/meili/version.ts';
import type { SearchBackend } from '../../src/meili/guard.ts';
import { forgetCounts, searchWithCounts } from '../../src/search/facet-counts.ts';
import { tenantToken } from '../../src/search/tokens.ts';
import { startTestMeili, type TestMeili } from '../helpers/meili.ts';

const TASK_WAIT = { timeout: 60_000 };
const PREFIX = 'counts-test';
const INDEX = liveIndexName(PREFIX);
let meili: TestMeili;
let versionOf: () => Promise<string>;

const doc = (id: string, classification: string, issuer: string) => ({
  id,
  docId: id,
  classification,
  issuer,
  word: 'alpha',
});

async function createIndex(uid: string, docs: object[]) {
  await meili.client.createIndex(uid, { primaryKey: 'id' }).waitTask(TASK_WAIT);
  await meili.client
    .index(uid)
    .updateSettings({ filterableAttributes: ['classification', 'issuer'] })
    .waitTask(TASK_WAIT);
  await meili.client.index(uid).addDocuments(docs).waitTask(TASK_WAIT);
}

beforeAll(async () => {
  meili = await startTestMeili();
  await createIndex(INDEX, [
    doc('a', 'public', 'Open Office'),
    doc('b', 'secret', 'Hidden Office'),
  ]);
  const key = await ensureSearchKey(meili.client, PREFIX);
  // As the portal reads it: with the search key itself, which may read the version.
  const withKey = createClient(meili.url, key.key);
  versionOf = () => indexVersion(withKey, INDEX);
  backendAs = async (clearance, version = versionOf) => ({
    client: createClient(
      meili.url,
      await tenantToken(key, INDEX, clearance, new Date(Date.now() + 60_000)),
    ),
    index: INDEX,
    version,
  });
});
afterAll(() => meili.close());

let backendAs: (
  clearance: 'public' | 'secret',
  version?: () => Promise<string>,
) => Promise<SearchBackend>;

const request = (clearance: 'public' | 'secret') => ({
  filter: [clearanceFilter(clearance)],
  facets: ['issuer'],
  page: 1,
  hitsPerPage: 10,
});

describe('facet counts per query shape', () => {
  it('are used again while the index is the same, and computed again when it changes', async () => {
    forgetCounts();
    // The first search of a server knows no version read before it: its counts are not kept.
    for (let i = 0; i < 2; i++) {
      const counted = await searchWithCounts(await backendAs('public'), 'alpha', request('public'));
      expect(counted.facetDistribution).toEqual({ issuer: { 'Open Office': 1 } });
    }
    const before = await versionOf();

    await meili.client
      .index(INDEX)
      .addDocuments([doc('c', 'public', 'Open Office')])
      .waitTask(TASK_WAIT);
    expect(await versionOf()).not.toBe(before);

    // Told the index is unchanged, the search takes the counts it kept: that is what is kept.
    const frozen = await backendAs('public', () => Promise.resolve(before));
    const kept = await searchWithCounts(frozen, 'alpha', request('public'));
    expect(kept.totalHits).toBe(2);
    expect(kept.facetDistribution).toEqual({ issuer: { 'Open Office': 1 } });

    // Reading the real version, it counts again, and keeps the new counts.
    const fresh = await searchWithCounts(await backendAs('public'), 'alpha', request('public'));
    expect(fresh.facetDistribution).toEqual({ issuer: { 'Open Office': 2 } });
    expect(fresh.hits.map((hit) => hit.docId).sort()).toEqual(['a', 'c']);
  });

  it('are kept per filter: another clearance never gets them', async () => {
    forgetCounts();
    for (let i = 0; i < 2; i++)
      await searchWithCounts(await backendAs('public'), 'alpha', request('public'));
    const secret = await searchWithCounts(await backendAs('secret'), 'alpha', request('secret'));
    expect(secret.facetDistribution?.['issuer']).toEqual({ 'Open Office': 2, 'Hidden Office': 1 });
    const again = await searchWithCounts(await backendAs('public'), 'alpha', request('public'));
    expect(again.facetDistribution).toEqual({ issuer: { 'Open Office': 2 } });
  });

  it('are counted every time when the key may not read the version, and searches still answer', async () => {
    forgetCounts();
    // A tenant token may only search: without a version reader, nothing is kept.
    const { version: _version, ...tokenOnly } = await backendAs('public');
    for (let i = 0; i < 2; i++) await searchWithCounts(tokenOnly, 'alpha', request('public'));
    await meili.client
      .index(INDEX)
      .addDocuments([doc('d', 'public', 'Open Office')])
      .waitTask(TASK_WAIT);
    const counted = await searchWithCounts(tokenOnly, 'alpha', request('public'));
    expect(counted.facetDistribution).toEqual({ issuer: { 'Open Office': 3 } });
  });

  it('change version when a rebuilt index is swapped in', async () => {
    const before = await versionOf();
    const staging = `${INDEX}-staging`;
    await createIndex(staging, [doc('a', 'public', 'Open Office')]);
    await meili.client
      .swapIndexes([{ indexes: [INDEX, staging], rename: false }])
      .waitTask(TASK_WAIT);
    expect(await versionOf()).not.toBe(before);
    const swapped = await searchWithCounts(await backendAs('public'), 'alpha', request('public'));
    expect(swapped.facetDistribution).toEqual({ issuer: { 'Open Office': 1 } });
  });
});
