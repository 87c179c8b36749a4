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
});
