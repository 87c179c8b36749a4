/**
 * What a re-run needs to know without reading a file: its size, times and
 * inode, and those of the metadata beside it (sidecars, the folder's
 * manifest), with the settings that shape its document. Equal stamps mean the
 * input is as it was, as git and rsync decide; `--rehash` reads every file anyway.
 */
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { DiscoveredFile } from './discover.ts';

const describe = (stat: Stats | undefined) =>
  stat
    ? `${String(stat.size)}:${String(stat.mtimeMs)}:${String(stat.ctimeMs)}:${String(stat.ino)}`
    : '-';

// Cheap system calls on cached metadata: synchronous, so that a missing
// sidecar costs no exception.
const lstat = (file: string) => statSync(file, { throwIfNoEntry: false });

export class InputStamps {
  readonly #manifests = new Map<string, string>();
  readonly #settings: string;

  constructor(settings: unknown) {
    this.#settings = JSON.stringify(settings);
  }

  /** A metadata file's stat; none when the folder's listing says it does not exist. */
  #metadata(file: DiscoveredFile, name: string): Stats | undefined {
    if (file.siblings && !file.siblings.has(name)) return undefined;
    return lstat(path.join(path.dirname(file.absolute), name));
  }

  #manifest(file: DiscoveredFile): string {
    const dir = path.dirname(file.absolute);
    let stamp = this.#manifests.get(dir);
    if (stamp === undefined) {
      stamp = describe(this.#metadata(file, 'manifest.csv'));
      // Folders are walked one after another: only the current one is worth keeping.
      this.#manifests.clear();
      this.#manifests.set(dir, stamp);
    }
    return stamp;
  }

  /** The stamp of a discovered file, from `stat` (already taken) and its metadata files. */
  of(file: DiscoveredFile, stat: Stats): string {
    const name = path.basename(file.absolute);
    return [
      this.#settings,
      describe(stat),
      describe(this.#metadata(file, `${name}.meta.yaml`)),
      describe(this.#metadata(file, `${name}.meta.json`)),
      this.#manifest(file),
    ].join('|');
  }
}
