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

  #manifest(dir: string): string {
    let stamp = this.#manifests.get(dir);
    if (stamp === undefined) {
      stamp = describe(lstat(path.join(dir, 'manifest.csv')));
      // Folders are walked one after another: only the current one is worth keeping.
      this.#manifests.clear();
      this.#manifests.set(dir, stamp);
    }
    return stamp;
  }

  /** The stamp of a discovered file, from `stat` (already taken) and its metadata files. */
  of(file: DiscoveredFile, stat: Stats): string {
    return [
      this.#settings,
      describe(stat),
      describe(lstat(`${file.absolute}.meta.yaml`)),
      describe(lstat(`${file.absolute}.meta.json`)),
      this.#manifest(path.dirname(file.absolute)),
    ].join('|');
  }
}
