import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagingFor, swapInto } from '../../../src/export/staging.ts';
import { withTempDir } from '../../helpers/temp.ts';

describe('stagingFor', () => {
  it("removes a killed export's staging folders, never a running one's or another target's", async () => {
    await withTempDir('vankho-staging-', async (dir) => {
      const out = path.join(dir, 'edition');
      const gone = spawn(process.execPath, ['-e', '']);
      await once(gone, 'exit');
      const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
      try {
        const kept = [
          `edition.partial-${String(running.pid)}`,
          `edition-2.partial-${String(gone.pid)}`,
          'edition.partial-notes',
        ];
        const removed = [`edition.partial-${String(gone.pid)}`, `edition.old-${String(gone.pid)}`];
        for (const name of [...kept, ...removed]) await fs.mkdir(path.join(dir, name));
        const staging = await stagingFor(out);
        expect(path.basename(staging)).toBe(`edition.partial-${String(process.pid)}`);
        expect((await fs.readdir(dir)).sort()).toEqual([...kept, path.basename(staging)].sort());
      } finally {
        running.kill();
      }
    });
  });

  it('puts a complete staging folder in the place of the last export', async () => {
    await withTempDir('vankho-staging-', async (dir) => {
      const out = path.join(dir, 'edition');
      await fs.mkdir(out);
      await fs.writeFile(path.join(out, 'old.txt'), 'old');
      const staging = await stagingFor(out);
      await fs.writeFile(path.join(staging, 'new.txt'), 'new');
      await swapInto(staging, out);
      expect(await fs.readdir(out)).toEqual(['new.txt']);
      expect(await fs.readdir(dir)).toEqual(['edition']);
    });
  });
});
