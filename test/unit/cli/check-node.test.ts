/** `npm start`'s first step: an old Node is told, in one line, which it needs and how to get it. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/temp.ts';

const exec = promisify(execFile);
const script = path.join(REPO_ROOT, 'scripts', 'check-node.mjs');
// The machine's own Node (20 here), when it has one older than the portal needs.
const OLD_NODE = '/usr/bin/node';

describe('scripts/check-node.mjs (prestart)', () => {
  it('passes on this Node', async () => {
    await expect(exec(process.execPath, [script])).resolves.toMatchObject({ stderr: '' });
  });

  it.runIf(existsSync(OLD_NODE))(
    'refuses an older Node with one line naming the version needed',
    async () => {
      const { stdout: version } = await exec(OLD_NODE, ['--version']);
      const [major = 0, minor = 0] = version.slice(1).split('.').map(Number);
      if (major > 22 || (major === 22 && minor >= 12)) return;
      const run = await exec(OLD_NODE, [script]).catch(
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(run).toMatchObject({ code: 1 });
      expect((run as { stderr: string }).stderr).toMatch(
        /^Văn khố needs Node\.js 22\.12 or newer .* node@24/,
      );
    },
  );
});
