/**
 * The search-only API key the portal signs tenant tokens with. It can search
 * the archive's live index and read its version (meili/version.ts), nothing
 * else; the master key stays with the process that starts and indexes, never
 * with the pages.
 */
import { createHash } from 'node:crypto';
import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import { liveIndexName } from './client.ts';

export interface SearchKey {
  key: string;
  uid: string;
}

/** What the key may do. A key's actions cannot change: new actions need a new key (a new uid). */
export const SEARCH_KEY_ACTIONS = ['search', 'indexes.get'];
const KEY_GENERATION = 2;

/** A fixed v4-shaped uid per archive and key generation, so that every server finds the same key. */
export function searchKeyUid(prefix: string): string {
  const hex = createHash('sha256')
    .update(`vankho-search-key:${prefix}:${String(KEY_GENERATION)}`)
    .digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Finds the archive's search key, creating it with the master-key client when missing. */
export async function ensureSearchKey(admin: Meilisearch, prefix: string): Promise<SearchKey> {
  const uid = searchKeyUid(prefix);
  try {
    const existing = await admin.getKey(uid);
    return { key: existing.key, uid };
  } catch (error) {
    if (!(error instanceof MeilisearchApiError) || error.response.status !== 404) {
      throw new Error(`Failed to read the search key ${uid}`, { cause: error });
    }
  }
  const created = await admin.createKey({
    uid,
    name: `${prefix} portal search`,
    description:
      'Search only, on the live index, and its version; the portal derives tenant tokens from it.',
    actions: SEARCH_KEY_ACTIONS,
    indexes: [liveIndexName(prefix)],
    expiresAt: null,
  });
  return { key: created.key, uid };
}
