/** Builds the site when its sources changed since the last build. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const SOURCES = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
const STAMP = '.vankho-build-stamp';

async function* files(entry: string): AsyncGenerator<string> {
  const stat = await fs.stat(entry).catch(() => undefined);
  if (!stat) return;
  if (!stat.isDirectory()) {
    yield entry;
    return;
  }
  const names = (await fs.readdir(entry)).sort();
  for (const name of names) yield* files(path.join(entry, name));
}

export async function sourceStamp(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const source of SOURCES) {
    for await (const file of files(path.join(root, source))) {
      const stat = await fs.stat(file);
      hash.update(`${path.relative(root, file)}\0${String(stat.size)}\0${String(stat.mtimeMs)}\n`);
    }
  }
  return hash.digest('hex');
}

/** Runs `astro build` unless dist/ was built from the same sources. Returns whether it built. */
export async function ensureBuilt(root: string, log: (line: string) => void): Promise<boolean> {
  const stamp = await sourceStamp(root);
  const stampFile = path.join(root, 'dist', STAMP);
  const built = await fs.readFile(stampFile, 'utf8').catch(() => '');
  const entry = path.join(root, 'dist', 'server', 'entry.mjs');
  if (built === stamp && (await fs.stat(entry).catch(() => undefined))) return false;
  log('Building the site (first start or changed sources)…');
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [astro, 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`astro build failed with exit code ${String(code)}`));
    });
  });
  await fs.writeFile(stampFile, stamp);
  return true;
}
