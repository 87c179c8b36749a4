import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockBusyError } from '../../../src/content/process-lock.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp.ts';

describe('the process lock', () => {
  it('is exclusive between processes and released at once when its holder is killed', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = path.join(dir, 'x.lock');
      const module = path.join(REPO_ROOT, 'src', 'content', 'process-lock.ts');
      const holder = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { acquireLock } = await import(${JSON.stringify(module)});
           await acquireLock(${JSON.stringify(file)}, 1000);
           console.log('held');
           setInterval(() => {}, 1000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) =>
        holder.stdout.once('data', () => {
          resolve();
        }),
      );
      await expect(acquireLock(file, 300)).rejects.toBeInstanceOf(LockBusyError);
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
      const started = Date.now();
      const release = await acquireLock(file, 5000);
      expect(Date.now() - started).toBeLessThan(1000);
      release();
      // Released in this process too: taken again at once.
      const again = await acquireLock(file, 100);
      again();
    } finally {
      await cleanup();
    }
  });
});
