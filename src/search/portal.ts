/**
 * What the running portal reads from: the content folder and the search
 * backend, configured from the environment `npm start` sets.
 */
import { loadConfig } from '../config/env.ts';
import { createClient, liveIndexName } from '../meili/client.ts';
import type { SearchBackend } from './search.ts';

export interface Portal {
  contentDir: string;
  backend: SearchBackend;
}

let portal: Portal | undefined;

export function getPortal(): Portal {
  if (portal) return portal;
  const config = loadConfig();
  if (!config.meiliUrl || !config.meiliMasterKey) {
    throw new Error(
      'The portal needs MEILI_URL and MEILI_MASTER_KEY; `npm start` sets them for the server it starts.',
    );
  }
  portal = {
    contentDir: config.contentDir,
    backend: {
      client: createClient(config.meiliUrl, config.meiliMasterKey),
      index: liveIndexName(config.indexPrefix),
    },
  };
  return portal;
}
