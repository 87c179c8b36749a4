/**
 * The benchmark's plain anchor against a real Meilisearch: built from a
 * content folder, it answers every query of the benchmark's mix (a filter on
 * an attribute it does not have once made every plain search a 400, found
 * only by a 100k run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PREFIX } from '../../src/bench/index-build.ts';
import {
  buildPlainIndex,
  plainIndexName,
  plainRecordsFile,
  plainRequest,
  writePlainRecords,
} from '../../src/bench/plain.ts';
import { queryMix } from '../../src/bench/queries.ts';
import { sampleIndexTarget, startTestMeili, type TestMeili } from '../helpers/meili.ts';

let meili: TestMeili;
let content: string;

beforeAll(async () => {
  meili = await startTestMeili();
  content = (await sampleIndexTarget(meili, BENCH_PREFIX)).contentDir;
  const records = plainRecordsFile(meili.dataDir);
  await writePlainRecords(content, records);
  await buildPlainIndex(meili, meili.client, BENCH_PREFIX, records);
}, 120_000);
afterAll(() => meili.close());

describe('the plain anchor', () => {
  it('answers every query of the mix, as the benchmark sends it', async () => {
    const mix = await queryMix(content, 28);
    const index = meili.client.index(plainIndexName(BENCH_PREFIX));
    const totals: number[] = [];
    for (const query of mix) {
      const { q, ...request } = plainRequest(query);
      const result = await index.search(String(q), request);
      totals.push(result.hits.length);
    }
    expect(totals).toHaveLength(28);
    // Empty queries with facets find documents, as searches for words do.
    expect(totals.filter((total) => total > 0).length).toBeGreaterThan(14);
  });
});
