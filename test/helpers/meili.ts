/** A real Meilisearch for integration tests, started by the project's own module. */
import { loadConfig } from '../../src/config/env.ts';
import { createClient } from '../../src/meili/client.ts';
import { startMeili, type MeiliConnection } from '../../src/meili/server.ts';
import { tempDir } from './temp.ts';

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
