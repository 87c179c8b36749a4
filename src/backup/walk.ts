/**
 * The files of a folder tree in one fixed order (names sorted in each folder,
 * depth first), so that a backup's manifest and the tree walked again can be
 * read side by side, a line at a time, whatever the archive's size.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const segments = (relative: string) => relative.split('/');

/** The walk's order: segment by segment, each compared as a string. */
export function comparePaths(a: string, b: string): number {
  const x = segments(a);
  const y = segments(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** Regular files under `root` as posix paths relative to it, in walk order; `skip` prunes. */
export async function* walkSorted(
  root: string,
  skip: (relative: string, isDirectory: boolean) => boolean = () => false,
  dir = '',
): AsyncGenerator<string> {
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (skip(relative, entry.isDirectory())) continue;
    if (entry.isDirectory()) yield* walkSorted(root, skip, relative);
    else if (entry.isFile()) yield relative;
  }
}
