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
const PACKED_PAGEFIND_SCRIPT = 'assets/pagefind.js.packed';

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

/** Pages grouped by their id's last `length` characters, in the endings' order. */
function groupBySuffix(ids: string[], length: number): [string, number][] {
  const groups = new Map<string, number>();
  for (const id of ids) {
    const suffix = id.slice(-length);
    groups.set(suffix, (groups.get(suffix) ?? 0) + 1);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Neighbouring groups, each shard filled up to `max` pages: the fewest shards
 * these groups allow. A group larger than `max` is a shard of its own.
 */
function fill(groups: [string, number][], max: number): Shard[] {
  const shards: Shard[] = [];
  let current: Shard | undefined;
  for (const [suffix, pages] of groups) {
    if (!current || current.pages + pages > max) {
      const bundle = shards.length === 0 ? 'pagefind' : `pagefind-${String(shards.length)}`;
      current = { suffixes: [], pages: 0, bundle };
      shards.push(current);
    }
    current.suffixes.push(suffix);
    current.pages += pages;
  }
  return shards;
}

/**
 * The fewest shards whose largest holds at most `pagesPerIndex` pages: of the
 * endings one to three characters long, the shortest that needs the fewest.
 * (Shares cut at an even split needed 14 shards for 69,329 pages at 15,000,
 * where endings of uneven counts fit in 5; every shard is a first search's
 * requests.) When no ending is fine enough, the longest ending's groups.
 */
export function planShards(ids: string[], pagesPerIndex: number): Shard[] {
  if (ids.length <= pagesPerIndex) return [{ suffixes: [], pages: ids.length, bundle: 'pagefind' }];
  let best: Shard[] | undefined;
  for (let length = 1; length <= MAX_SUFFIX; length++) {
    const shards = fill(groupBySuffix(ids, length), pagesPerIndex);
    const fits = shards.every((shard) => shard.pages <= pagesPerIndex);
    if (fits && (!best || shards.length < best.length)) best = shards;
    if (length === MAX_SUFFIX && !best) best = shards;
  }
  return best ?? [];
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
