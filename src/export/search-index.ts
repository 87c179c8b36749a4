/**
 * The edition's Pagefind index. Pagefind builds an index in memory, about
 * 200 KB per page here, so a large edition is split into shards of at most
 * `pagesPerIndex` pages, built one after another, each its own bundle; the
 * search page merges them in the browser. Pages are sharded by the last
 * characters of their id (a hash for ingested documents), which a glob can select.
 */
import path from 'node:path';
import * as pagefind from 'pagefind';

export const DEFAULT_PAGES_PER_INDEX = 10_000;
const MAX_SUFFIX = 3;

export interface Shard {
  /** The id suffix its pages share; empty for a single index. */
  suffix: string;
  pages: number;
  /** Where the bundle is written, relative to the edition's root. */
  bundle: string;
}

/** The fewest shards, by id suffix, whose largest holds at most `pagesPerIndex` pages. */
export function planShards(ids: string[], pagesPerIndex: number): Shard[] {
  let groups = new Map<string, number>([['', ids.length]]);
  for (
    let length = 1;
    length <= MAX_SUFFIX && Math.max(...groups.values()) > pagesPerIndex;
    length++
  ) {
    groups = new Map();
    for (const id of ids) {
      const suffix = id.slice(-length);
      groups.set(suffix, (groups.get(suffix) ?? 0) + 1);
    }
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([suffix, pages], i) => ({
      suffix,
      pages,
      bundle: i === 0 ? 'pagefind' : `pagefind-${suffix}`,
    }));
}

/** Builds each shard in turn, checking every envelope, and frees Pagefind between them. */
export async function buildSearchIndex(staging: string, shards: Shard[]): Promise<void> {
  for (const shard of shards) {
    try {
      const created = await pagefind.createIndex({ forceLanguage: 'vi' });
      if (!created.index) throw new Error(created.errors.join('; '));
      const glob = `documents/*${shard.suffix}/index.html`;
      const added = await created.index.addDirectory({ path: staging, glob });
      if (added.errors.length > 0) throw new Error(added.errors.join('; '));
      if (added.page_count !== shard.pages) {
        throw new Error(`it indexed ${String(added.page_count)} of ${String(shard.pages)} pages`);
      }
      const written = await created.index.writeFiles({
        outputPath: path.join(staging, shard.bundle),
      });
      if (written.errors.length > 0) throw new Error(written.errors.join('; '));
    } catch (cause) {
      throw new Error(`Failed to build the Pagefind index ${shard.bundle}`, { cause });
    } finally {
      // Stopping the service is what returns its memory before the next shard.
      await pagefind.close();
    }
  }
}
