/** A real Meilisearch for integration tests, started by the project's own module. */
import { loadConfig } from '../../src/config/env.ts';
import { createClient } from '../../src/meili/client.ts';
import { startMeili, type MeiliConnection } from '../../src/meili/server.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IndexTarget } from '../../src/meili/sync.ts';
import { REPO_ROOT, tempDir } from './temp.ts';

export interface TestMeili extends MeiliConnection {
  dataDir: string;
  client: ReturnType<typeof createClient>;
  close(): Promise<void>;
}

export async function startTestMeili(): Promise<TestMeili> {
  const { dir, cleanup } = await tempDir('vankho-meili-');
  const config = { ...loadConfig({}), dataDir: dir };
  const meili = await startMeili(config);
  return {
    ...meili,
    dataDir: dir,
    client: createClient(meili.url, meili.masterKey),
    close: async () => {
      await meili.stop();
      await cleanup();
    },
  };
}

/** An index target on a copy of the repository's sample documents, in the server's data folder. */
export async function sampleIndexTarget(meili: TestMeili, prefix: string): Promise<IndexTarget> {
  const content = path.join(meili.dataDir, 'content');
  await fs.cp(path.join(REPO_ROOT, 'content', 'documents'), path.join(content, 'documents'), {
    recursive: true,
  });
  return { client: meili.client, prefix, contentDir: content, dataDir: meili.dataDir };
}
