/**
 * Relevance, tested: a golden set of queries over the sample archive, each with
 * the documents expected in the top 3. Precision@3 must not fall below the
 * recorded baseline (test/golden/baseline.json); raise it when search improves.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveIndexName } from '../../src/meili/client.ts';
import { ensureIndexed } from '../../src/meili/sync.ts';
import { parseSearchParams } from '../../src/search/params.ts';
import { searchDocuments } from '../../src/search/search.ts';
import { startTestMeili, type TestMeili } from '../helpers/meili.ts';
import { REPO_ROOT } from '../helpers/temp.ts';

interface GoldenQuery {
  query: string;
  expected: string[];
  kind: string;
}

const GOLDEN = path.join(REPO_ROOT, 'test', 'golden');
let meili: TestMeili;

beforeAll(async () => {
  meili = await startTestMeili();
  await ensureIndexed({
    client: meili.client,
    prefix: 'golden',
    contentDir: path.join(REPO_ROOT, 'content'),
    dataDir: meili.dataDir,
  });
});
afterAll(() => meili.close());

describe('the golden query set', () => {
  it('keeps precision@3 at or above its baseline', async () => {
    const queries = JSON.parse(
      await fs.readFile(path.join(GOLDEN, 'queries.json'), 'utf8'),
    ) as GoldenQuery[];
    const { precisionAt3: baseline } = JSON.parse(
      await fs.readFile(path.join(GOLDEN, 'baseline.json'), 'utf8'),
    ) as {
      precisionAt3: number;
    };
    const backend = { client: meili.client, index: liveIndexName('golden') };
    const byKind = new Map<string, number[]>();
    const misses: string[] = [];
    for (const { query, expected, kind } of queries) {
      const result = await searchDocuments(
        backend,
        parseSearchParams(new URLSearchParams(query)),
        'public',
      );
      const top = result.hits.slice(0, 3).map((hit) => hit.id);
      const precision =
        top.filter((id) => expected.includes(id)).length / Math.min(3, expected.length);
      byKind.set(kind, [...(byKind.get(kind) ?? []), precision]);
      if (precision < 1)
        misses.push(`${kind}: ${query} → ${top.join(', ')} (expected ${expected.join(', ')})`);
    }
    const all = [...byKind.values()].flat();
    const precisionAt3 = all.reduce((a, b) => a + b, 0) / all.length;
    const report = [...byKind].map(
      ([kind, values]) =>
        `${kind}: ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(2)}`,
    );
    console.log(
      `precision@3 ${precisionAt3.toFixed(3)} (baseline ${baseline.toFixed(3)})\n${report.join('\n')}\n${misses.join('\n')}`,
    );
    expect(precisionAt3).toBeGreaterThanOrEqual(baseline);
  });
});
