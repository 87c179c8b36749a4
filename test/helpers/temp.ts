import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'vankho-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** Runs `work` in a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir<T>(
  prefix: string,
  work: (dir: string) => Promise<T>,
): Promise<T> {
  const { dir, cleanup } = await tempDir(prefix);
  try {
    return await work(dir);
  } finally {
    await cleanup();
  }
}

/** Writes files given as { 'relative/path': content } under `root`. */
export async function writeTree(
  root: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
