/**
 * Takes the input's metadata ahead of the ingest, in a thread of its own. On a
 * cold page cache the main thread's blocking `stat` of each file (and of its
 * sidecars) waits on the disk one inode at a time, with a core idle: the
 * unchanged million re-ingested in 140–146 s cold against 64 s warm. As the walk
 * lists a folder, this thread stats its files, so the kernel has their inodes
 * cached when the main thread asks: 96 s cold. The ingest itself is unchanged.
 * Reading the files' bytes ahead as well made a cold first ingest of 100k slower
 * (222 s against 199, 65 s more CPU), so only metadata is taken.
 */
import { Worker } from 'node:worker_threads';

/** One listed folder: the names of its files. */
export interface ReadAheadFolder {
  dir: string;
  names: string[];
}

const WORKER_URL = new URL('./read-ahead-worker.ts', import.meta.url);

export class ReadAhead {
  readonly #worker = new Worker(WORKER_URL);
  /** The thread's own failure, a bug: said when the run closes it, never swallowed. */
  #failure: Error | undefined;
  #posted = 0;
  #done = 0;
  #onDone: (() => void) | undefined;
  /** Files found so far (those not gone by the time they were looked at). */
  filesFound = 0;

  constructor() {
    // A warm-up must never keep the process alive.
    this.#worker.unref();
    this.#worker.on('error', (error: Error) => {
      this.#failure = error;
      this.#onDone?.();
    });
    this.#worker.on('message', (found: number) => {
      this.filesFound += found;
      if (++this.#done === this.#posted) this.#onDone?.();
    });
  }

  folder(dir: string, names: string[]): void {
    this.#posted++;
    this.#worker.postMessage({ dir, names } satisfies ReadAheadFolder);
  }

  /** Resolves once every folder given so far has been looked at (or the thread failed). */
  async drained(): Promise<void> {
    if (this.#done === this.#posted || this.#failure) return;
    await new Promise<void>((resolve) => (this.#onDone = resolve));
  }

  /** Stops the thread (a run that failed: its own error is the one to say). */
  async stop(): Promise<void> {
    await this.#worker.terminate();
  }

  /** Stops the thread, and says its failure if it had one. */
  async close(): Promise<void> {
    await this.stop();
    if (this.#failure)
      throw new Error('the input read-ahead thread failed', { cause: this.#failure });
  }
}
