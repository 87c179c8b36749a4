/** Runs a piece of indexing work against Meilisearch, starting and stopping it as needed. */
import type { Config } from '../config/env.ts';
import { createClient } from './client.ts';
import { startMeili } from './server.ts';
import type { IndexTarget } from './sync.ts';

export async function withIndexTarget<T>(
  config: Config,
  work: (target: IndexTarget) => Promise<T>,
): Promise<T> {
  const meili = await startMeili(config);
  try {
    return await work({
      client: createClient(meili.url, meili.masterKey),
      prefix: config.indexPrefix,
      contentDir: config.contentDir,
      dataDir: config.dataDir,
    });
  } finally {
    await meili.stop();
  }
}
