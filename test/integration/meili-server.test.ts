import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { startMeili } from '../../src/meili/server.ts';
import { startTestMeili } from '../helpers/meili.ts';
import { REPO_ROOT, tempDir, writeTree } from '../helpers/temp.ts';

// meilisearch-js waits 5 s by default: too little for a settings task on a loaded machine.
const TASK_WAIT = { timeout: 60_000 };

const exec = promisify(execFile);

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
      const pid = meili.pid ?? 0;
      const state = JSON.parse(
        await fs.readFile(path.join(meili.dataDir, 'meili', 'server.json'), 'utf8'),
      ) as { pid: number; users: number[] };
      expect(state).toMatchObject({ pid, users: [process.pid] });
      expect(await alive(pid)).toBe(true);
      await meili.stop();
      expect(await alive(pid)).toBe(false);
      await expect(fs.stat(path.join(meili.dataDir, 'meili', 'server.json'))).rejects.toThrow();
    } finally {
      await meili.close();
    }
  });

  it('reuses its key and data across restarts', async () => {
    const meili = await startTestMeili();
    try {
      await meili.client.createIndex('kept').waitTask(TASK_WAIT);
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

  it('is shared: ingest and index join the running server of their data folder and leave it running', async () => {
    const meili = await startTestMeili();
    try {
      const input = path.join(meili.dataDir, 'input');
      await writeTree(input, { 'one.txt': 'Số: 7-CT/TW\n\nCHỈ THỊ\nVề lưu trữ\n' });
      const env = { PATH: process.env['PATH'], DATA_DIR: meili.dataDir };
      const content = path.join(meili.dataDir, 'content');
      const ingest = await exec(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'ingest.ts'), input, '--content-dir', content],
        { env },
      );
      expect(ingest.stdout).toMatch(/1 ingested/);
      const index = await exec(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'index.ts'), '--content-dir', content],
        { env },
      );
      expect(index.stdout).toMatch(/indexed 1 documents/);
      // The server this process started is still the one running, and it answers.
      expect(await alive(meili.pid ?? 0)).toBe(true);
      expect((await fetch(`${meili.url}/health`)).status).toBe(200);
      const stats = await meili.client.index('vankho-documents').getStats();
      expect(stats.numberOfDocuments).toBeGreaterThan(0);
    } finally {
      await meili.close();
    }
  });

  it('stops a server whose users are all gone, and starts its own', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const config = { ...loadConfig({}), dataDir: dir };
      const first = await startMeili(config);
      const file = path.join(dir, 'meili', 'server.json');
      const state = JSON.parse(await fs.readFile(file, 'utf8')) as { users: number[] };
      // As if the process that started it had been killed: pid 2^22+1 is never a live process here.
      await fs.writeFile(file, JSON.stringify({ ...state, users: [4_194_305] }));
      const second = await startMeili(config);
      try {
        expect(second.managed).toBe(true);
        expect(second.pid).not.toBe(first.pid);
        expect(await alive(first.pid ?? 0)).toBe(false);
      } finally {
        await second.stop();
      }
    } finally {
      await cleanup();
    }
  });

  it('stops its server on leaving even when the registry was lost (no orphan)', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const meili = await startMeili({ ...loadConfig({}), dataDir: dir });
      await fs.rm(path.join(dir, 'meili', 'server.json'));
      await meili.stop();
      expect(await alive(meili.pid ?? 0)).toBe(false);
    } finally {
      await cleanup();
    }
  });
});
