import { describe, expect, it } from 'vitest';
import { planShards } from '../../../src/export/search-index.ts';

const hex = '0123456789abcdef';
const ids = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `doc-${hex[i % 16] ?? ''}${hex[Math.floor(i / 16) % 16] ?? ''}`,
  );

describe('planShards', () => {
  it('keeps an edition that fits one index in one bundle', () => {
    expect(planShards(ids(500), 1000)).toEqual([{ suffixes: [], pages: 500, bundle: 'pagefind' }]);
  });

  it('splits into the fewest shards that fit, not one per id ending', () => {
    const shards = planShards(ids(14_000), 10_000);
    expect(shards).toHaveLength(2);
    expect(shards.map((s) => s.pages).reduce((a, b) => a + b)).toBe(14_000);
    expect(Math.max(...shards.map((s) => s.pages))).toBeLessThanOrEqual(10_000);
    expect(shards.map((s) => s.bundle)).toEqual(['pagefind', 'pagefind-1']);
    // Every ending in exactly one shard.
    expect(shards.flatMap((s) => s.suffixes).sort()).toEqual(hex.split('').sort());
  });

  it('uses longer endings when there are more shards than one-character endings', () => {
    const shards = planShards(ids(40), 2);
    expect(shards.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...shards.map((s) => s.pages))).toBeLessThanOrEqual(2);
    expect(shards.map((s) => s.pages).reduce((a, b) => a + b)).toBe(40);
  });

  it('packs endings of uneven counts into the fewest shards (69,329 pages, 15,000 a shard: 5)', () => {
    // Hash-like endings, as ingested ids have: each ending's count differs a little.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const hashed = Array.from({ length: 69_329 }, (_, i) => {
      const tail = Array.from({ length: 3 }, () => hex[Math.floor(random() * 16)]).join('');
      return `doc-${String(i)}-${tail}`;
    });
    const shards = planShards(hashed, 15_000);
    expect(shards.map((s) => s.pages).reduce((a, b) => a + b)).toBe(69_329);
    expect(Math.max(...shards.map((s) => s.pages))).toBeLessThanOrEqual(15_000);
    expect(shards).toHaveLength(5);
    // Every page in exactly one shard: the endings are a partition.
    const endings = shards.flatMap((s) => s.suffixes);
    expect(new Set(endings).size).toBe(endings.length);
    expect(hashed.every((id) => endings.filter((e) => id.endsWith(e)).length === 1)).toBe(true);
  });
});
