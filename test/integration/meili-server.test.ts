import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { startMeili } from '../../src/meili/server.ts';
import { startTestMeili } from '../helpers/meili.ts';
import { tempDir } from '../helpers/temp.ts';

const alive = async (pid: number) => {
  const stat = await fs.readFile(`/proc/${String(pid)}/stat`, 'utf8').catch(() => '');
  return stat !== '' && !/^\d+ \(.*\) Z/.test(stat);
};

describe('the managed Meilisearch', () => {
  it('starts on loopback with a private master key, answers, and stops without a trace', async () => {
    const meili = await startTestMeili();
    try {
      expect(meili.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const keyFile = path.join(meili.dataDir, 'meili-master-key');
      expect((await fs.stat(keyFile)).mode & 0o777).toBe(0o600);
      expect((await fs.readFile(keyFile, 'utf8')).trim()).toBe(meili.masterKey);
      // The key is required: the server runs in production mode.
      expect((await fetch(`${meili.url}/indexes`)).status).toBe(401);
      expect((await meili.client.getVersion()).pkgVersion).toBe('1.21.0');
      const pid = Number(
        await fs.readFile(path.join(meili.dataDir, 'meili', 'meilisearch.pid'), 'utf8'),
      );
      expect(await alive(pid)).toBe(true);
      await meili.stop();
      expect(await alive(pid)).toBe(false);
      await expect(fs.stat(path.join(meili.dataDir, 'meili', 'meilisearch.pid'))).rejects.toThrow();
    } finally {
      await meili.close();
    }
  });

  it('reuses its key and data across restarts', async () => {
    const meili = await startTestMeili();
    try {
      await meili.client.createIndex('kept').waitTask();
      await meili.stop();
      const again = await startMeili({ ...loadConfig({}), dataDir: meili.dataDir });
      try {
        expect(again.masterKey).toBe(meili.masterKey);
        const response = await fetch(`${again.url}/indexes/kept`, {
          headers: { Authorization: `Bearer ${again.masterKey}` },
        });
        expect(response.status).toBe(200);
      } finally {
        await again.stop();
      }
    } finally {
      await meili.close();
    }
  });

  it('uses the server MEILI_URL names, and insists on its key', async () => {
    const meili = await startTestMeili();
    try {
      const config = loadConfig({ MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey });
      const external = await startMeili(config);
      expect(external).toMatchObject({ url: meili.url, managed: false });
      await expect(startMeili(loadConfig({ MEILI_URL: meili.url }))).rejects.toThrow(
        /MEILI_MASTER_KEY/,
      );
    } finally {
      await meili.close();
    }
  });

  it('says how to use another server when the binary cannot run', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const config = loadConfig({ DATA_DIR: dir, MEILI_BIN: '/bin/false' });
      await expect(startMeili(config)).rejects.toThrow(/did not start[\s\S]*MEILI_URL/);
      await expect(
        startMeili(loadConfig({ DATA_DIR: dir, MEILI_BIN: path.join(dir, 'missing') })),
      ).rejects.toThrow(/MEILI_BIN .* is not an executable file/);
    } finally {
      await cleanup();
    }
  });
});
