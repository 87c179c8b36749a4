/**
 * The edition's Pagefind index. Pagefind builds an index in memory, about
 * 265 KB per page here, so a large edition is split into the fewest shards of
 * at most `pagesPerIndex` pages, built one after another, each its own bundle;
 * the search page merges them in the browser, and every bundle costs a first
 * search its own requests, so there are as few as memory allows. Pages are
 * sharded by the last characters of their id (a hash for ingested documents),
 * which a glob can select.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip, constants } from 'node:zlib';
import * as pagefind from 'pagefind';

/**
 * Pagefind's script (47 KB), gzip'd beside the edition's own: a plain static
 * server sends files as they are, so Pagefind gzips its index files itself,
 * but not its script. The search page unpacks this copy (13 KB) in the
 * browser. Its name ends in no encoding a server would declare.
 */
export const PACKED_PAGEFIND_SCRIPT = 'assets/pagefind.js.packed';

// 13,988 pages in one index: 3.7 GB at the peak, exporter and Pagefind together; this keeps a build under ~4 GB.
export const DEFAULT_PAGES_PER_INDEX = 15_000;
const MAX_SUFFIX = 3;

export interface Shard {
  /** The id endings of its pages; empty for a single index. */
  suffixes: string[];
  pages: number;
  /** Where the bundle is written, relative to the edition's root. */
  bundle: string;
}

/** Pages grouped by id ending, the shortest ending that has at least `want` groups. */
function groupBySuffix(ids: string[], want: number): [string, number][] {
  let groups = new Map<string, number>();
  for (let length = 1; length <= MAX_SUFFIX; length++) {
    groups = new Map();
    for (const id of ids) {
      const suffix = id.slice(-length);
      groups.set(suffix, (groups.get(suffix) ?? 0) + 1);
    }
    if (groups.size >= want) break;
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** Neighbouring groups filled up to an even share each; undefined when one exceeds `max`. */
function pack(groups: [string, number][], bins: number, max: number): Shard[] | undefined {
  const total = groups.reduce((sum, [, pages]) => sum + pages, 0);
  const share = total / bins;
  const shards: Shard[] = [];
  let current: Shard | undefined;
  for (const [suffix, pages] of groups) {
    if (!current || (current.pages + pages > share && current.pages > 0 && shards.length < bins)) {
      current = { suffixes: [], pages: 0, bundle: '' };
      shards.push(current);
    }
    current.suffixes.push(suffix);
    current.pages += pages;
  }
  if (shards.some((shard) => shard.pages > max)) return undefined;
  return shards.map((shard, i) => ({
    ...shard,
    bundle: i === 0 ? 'pagefind' : `pagefind-${String(i)}`,
  }));
}

/** The fewest shards whose largest holds at most `pagesPerIndex` pages. */
export function planShards(ids: string[], pagesPerIndex: number): Shard[] {
  if (ids.length <= pagesPerIndex) return [{ suffixes: [], pages: ids.length, bundle: 'pagefind' }];
  for (let bins = Math.ceil(ids.length / pagesPerIndex); ; bins++) {
    const groups = groupBySuffix(ids, bins);
    const shards = pack(groups, bins, pagesPerIndex);
    // At the longest ending every group is as small as it gets: take what there is.
    if (shards || bins >= groups.length)
      return shards ?? pack(groups, groups.length, Infinity) ?? [];
  }
}

/** The glob of a shard's pages. */
function shardGlob(shard: Shard): string {
  if (shard.suffixes.length === 0) return 'documents/*/index.html';
  return `documents/*{${shard.suffixes.join(',')}}/index.html`;
}

/** Writes the packed copy of the first bundle's script; its path in the edition. */
export async function packPagefindScript(staging: string): Promise<string> {
  const script = await fs.readFile(path.join(staging, 'pagefind', 'pagefind.js'));
  const packed = await promisify(gzip)(script, { level: constants.Z_BEST_COMPRESSION });
  await fs.writeFile(path.join(staging, PACKED_PAGEFIND_SCRIPT), packed);
  return PACKED_PAGEFIND_SCRIPT;
}

/** Builds each shard in turn, checking every envelope, and frees Pagefind between them. */
export async function buildSearchIndex(staging: string, shards: Shard[]): Promise<void> {
  for (const shard of shards) {
    try {
      const created = await pagefind.createIndex({ forceLanguage: 'vi' });
      if (!created.index) throw new Error(created.errors.join('; '));
      const glob = shardGlob(shard);
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
