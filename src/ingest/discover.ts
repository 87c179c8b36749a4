/**
 * Discover: every regular file under the input folder, in a stable order.
 * Symbolic links are never followed and nothing outside the folder is read.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export interface DiscoveredFile {
  absolute: string;
  /** Relative to the input root, NFC, with forward slashes. */
  relative: string;
  /** The names in its folder when it was listed: which metadata files exist, without a system call each. */
  siblings?: ReadonlySet<string>;
}

export interface Rejection {
  source: string;
  reason: string;
}

/** Files that describe other files rather than being documents. */
export function isMetadataFile(name: string): boolean {
  return name === 'manifest.csv' || name.endsWith('.meta.yaml') || name.endsWith('.meta.json');
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** `onFolder` hears of each folder as it is listed, with the names of its files (read-ahead.ts). */
export async function* discover(
  root: string,
  reject: (rejection: Rejection) => void,
  onFolder?: (dir: string, files: string[]) => void,
): AsyncGenerator<DiscoveredFile> {
  const realRoot = await fs.realpath(root);
  const relativeOf = (absolute: string) =>
    path.relative(realRoot, absolute).split(path.sep).join('/').normalize('NFC');
  const pending = [realRoot];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    // A folder swapped for a link while we walk must not lead outside the root: checked once
    // per folder (a file entry that is not itself a link resolves inside its folder).
    const realDir = await fs.realpath(dir);
    if (realDir !== realRoot && !realDir.startsWith(realRoot + path.sep)) {
      reject({ source: relativeOf(dir), reason: 'resolves outside the input folder' });
      continue;
    }
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort(byName);
    const siblings = new Set(entries.map((entry) => entry.name));
    onFolder?.(
      dir,
      entries.filter((entry) => entry.isFile()).map((entry) => entry.name),
    );
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        reject({ source: relativeOf(absolute), reason: 'symbolic link, not followed' });
      } else if (entry.isDirectory()) {
        subdirs.push(absolute);
      } else if (!entry.isFile()) {
        reject({ source: relativeOf(absolute), reason: 'not a regular file' });
      } else if (!isMetadataFile(entry.name)) {
        yield { absolute, relative: relativeOf(absolute), siblings };
      }
    }
    // Depth first, in name order: pop takes the first subfolder next.
    pending.push(...subdirs.reverse());
  }
}

/** How many files a run will see, for progress display. */
export async function countFiles(root: string): Promise<number> {
  let count = 0;
  for await (const _file of discover(root, () => {
    count++;
  })) {
    count++;
  }
  return count;
}
