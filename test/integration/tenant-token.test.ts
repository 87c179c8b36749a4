/**
 * What the portal relies on, checked against a real Meilisearch: a tenant token
 * from the search-only key restricts results, facet counts, facet search and
 * multi-search to its filter, covers only the index it names, and expires.
 */
import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, liveIndexName } from '../../src/meili/client.ts';
import { ensureSearchKey, searchKeyUid, type SearchKey } from '../../src/meili/keys.ts';
import { tenantToken } from '../../src/search/tokens.ts';
import { startTestMeili, type TestMeili } from '../helpers/meili.ts';

// meilisearch-js waits 5 s by default: too little for a settings task on a loaded machine.
const TASK_WAIT = { timeout: 60_000 };

const PREFIX = 'token-test';
const INDEX = liveIndexName(PREFIX);
const OTHER = 'token-test-other';
let meili: TestMeili;
let key: SearchKey;

const docs = [
  { id: 'a', docId: 'a', classification: 'public', issuer: 'Open Office', word: 'alpha' },
  { id: 'b', docId: 'b', classification: 'internal', issuer: 'Inner Office', word: 'alpha' },
  { id: 'c', docId: 'c', classification: 'secret', issuer: 'Hidden Office', word: 'alpha' },
];

beforeAll(async () => {
  meili = await startTestMeili();
  for (const uid of [INDEX, OTHER]) {
    const index = meili.client.index(uid);
    await meili.client.createIndex(uid, { primaryKey: 'id' }).waitTask(TASK_WAIT);
    await index
      .updateSettings({
        filterableAttributes: ['classification', 'issuer'],
        distinctAttribute: 'docId',
      })
      .waitTask(TASK_WAIT);
    await index.addDocuments(docs).waitTask(TASK_WAIT);
  }
  key = await ensureSearchKey(meili.client, PREFIX);
});
afterAll(() => meili.close());

const asToken = async (clearance: 'public' | 'internal', index = INDEX, expires?: Date) =>
  createClient(
    meili.url,
    await tenantToken(key, index, clearance, expires ?? new Date(Date.now() + 60_000)),
  );

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof MeilisearchApiError) return error.response.status;
    throw error;
  }
}

describe('the search-only key', () => {
  it('is found again rather than created twice, and may only search the live index and read its version', async () => {
    expect(await ensureSearchKey(meili.client, PREFIX)).toEqual(key);
    const stored = await meili.client.getKey(searchKeyUid(PREFIX));
    expect(stored.actions).toEqual(['search', 'indexes.get']);
    expect(stored.indexes).toEqual([INDEX]);
    const withKey: Meilisearch = createClient(meili.url, key.key);
    expect(await status(withKey.index(INDEX).addDocuments([{ id: 'x' }]))).toBe(403);
    expect(await status(withKey.index(INDEX).getSettings())).toBe(403);
    expect(await status(withKey.index(OTHER).getRawInfo())).toBe(403);
    expect(await status(withKey.index(OTHER).search('alpha'))).toBe(403);
  });
});

describe('a tenant token', () => {
  it('filters hits, facet counts, facet search and multi-search', async () => {
    const client = await asToken('internal');
    const result = await client
      .index(INDEX)
      .search('alpha', { facets: ['issuer', 'classification'], page: 1, hitsPerPage: 10 });
    expect(result.hits.map((hit) => hit['id'])).toEqual(expect.arrayContaining(['a', 'b']));
    expect(result.totalHits).toBe(2);
    expect(result.facetDistribution).toEqual({
      classification: { internal: 1, public: 1 },
      issuer: { 'Inner Office': 1, 'Open Office': 1 },
    });
    const facetHits = await client
      .index(INDEX)
      .searchForFacetValues({ facetName: 'issuer', facetQuery: '' });
    expect(facetHits.facetHits.map((hit) => hit.value).sort()).toEqual([
      'Inner Office',
      'Open Office',
    ]);
    const hidden = await client
      .index(INDEX)
      .searchForFacetValues({ facetName: 'issuer', facetQuery: 'Hidden' });
    expect(hidden.facetHits).toEqual([]);
    const multi = await client.multiSearch({
      queries: [{ indexUid: INDEX, q: 'alpha', filter: 'classification = secret' }],
    });
    expect(multi.results[0]?.hits).toEqual([]);
  });

  it('is refused on an index it does not name, and once expired', async () => {
    const forOther = await asToken('public');
    expect(await status(forOther.index(OTHER).search('alpha'))).toBe(403);
    const expired = await asToken('public', INDEX, new Date(Date.now() - 1000));
    expect(await status(expired.index(INDEX).search('alpha'))).toBe(403);
  });
});
