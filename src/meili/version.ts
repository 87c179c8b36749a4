/**
 * What the live index holds, as one string: it changes with every document
 * written or deleted and with every swap (a full rebuild), so that anything
 * computed from the index can be kept exactly as long as the index is the same.
 */
import type { Meilisearch } from 'meilisearch';
import { guard } from './guard.ts';

export async function indexVersion(client: Meilisearch, index: string): Promise<string> {
  const info = await guard(() => client.index(index).getRawInfo());
  return `${info.createdAt}/${info.updatedAt}`;
}
