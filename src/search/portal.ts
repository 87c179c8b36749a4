/**
 * What the running portal reads from: the content folder, and Meilisearch
 * through tenant tokens signed with the search-only key `npm start` provides.
 * The pages never hold the master key.
 */
import type { Meilisearch } from 'meilisearch';
import type { Clearance } from '../access/clearance.ts';
import { loadConfig } from '../config/env.ts';
import { createClient, liveIndexName } from '../meili/client.ts';
import { indexVersion } from '../meili/version.ts';
import type { Classification } from '../schema/document.ts';
import { indexedClassification } from './documents.ts';
import { limitEngineCalls, type SearchBackend } from '../meili/guard.ts';
import { TenantTokens } from './tokens.ts';
import { FALLBACK_PATH } from '../config/env.ts';

export interface Portal {
  contentDir: string;
  /** The origin visitors use (PUBLIC_URL, else the address served): links that leave the page use it, never the Host header. */
  origin: string;
  /** Searches as `clearance`: Meilisearch filters everything else out itself. */
  backend(clearance: Clearance): Promise<SearchBackend>;
  /**
   * A document's classification from the index, whoever asks (undefined: no
   * such document): the gate's first question, the same work for every id.
   */
  classificationOf: (id: string) => Promise<Classification | undefined>;
  /**
   * Where an anonymous visitor searches while Meilisearch is away (the
   * fallback edition of server/fallback.ts), for this query; none when it is off.
   */
  fallbackSearch: (q: string) => string | undefined;
}

let portal: Portal | undefined;

export function getPortal(): Portal {
  if (portal) return portal;
  const config = loadConfig();
  const url = config.meiliUrl;
  if (!url || !config.meiliSearchKey) {
    throw new Error(
      'The portal needs MEILI_URL, MEILI_SEARCH_KEY and MEILI_SEARCH_KEY_UID; `npm start` sets them.',
    );
  }
  limitEngineCalls(config.meiliConcurrency);
  const index = liveIndexName(config.indexPrefix);
  const tokens = new TenantTokens(config.meiliSearchKey, index);
  const clients = new Map<string, Meilisearch>();
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  // The search-only key itself, unfiltered, answers the gate; pages never search with it.
  const gate: SearchBackend = {
    client: createClient(url, config.meiliSearchKey.key, config.meiliTimeoutMs),
    index,
  };
  portal = {
    contentDir: config.contentDir,
    fallbackSearch: (q) =>
      config.fallbackSearch
        ? `${FALLBACK_PATH}/search/${q ? `?${new URLSearchParams({ q }).toString()}` : ''}`
        : undefined,
    origin: new URL(config.publicUrl ?? `http://${host}:${String(config.port)}`).origin,
    backend: async (clearance) => {
      const token = await tokens.get(clearance);
      let client = clients.get(clearance);
      // A renewed token needs a new client; the old one is dropped with it.
      if (client?.config.apiKey !== token) {
        client = createClient(url, token, config.meiliTimeoutMs);
        clients.set(clearance, client);
      }
      // A tenant token may only search: the index's version is read with the key itself.
      return { client, index, version: () => indexVersion(gate.client, index) };
    },
    classificationOf: (id) => indexedClassification(gate, id),
  };
  return portal;
}
