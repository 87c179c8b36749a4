/**
 * A pool of extraction workers. Each file is processed under a memory limit
 * and a time limit: a file that exceeds either is rejected, its worker
 * replaced, and the run goes on.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { RejectedFileError } from './extract/index.ts';
import type { Processed, ProcessRequest } from './process.ts';
import type { WorkerJob, WorkerReply } from './worker.ts';
import type { PersistRequest } from './write.ts';

export interface PoolOptions {
  workers?: number;
  timeoutMs?: number;
  memoryMb?: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The worker exited while idle (it could not even start, say): replaced before its next job. */
  dead: boolean;
  /** Resolves once the worker has loaded its code: the time limit counts extraction only. */
  ready: Promise<void>;
}

interface Job {
  message: WorkerJob;
  resolve: (result: Processed | undefined) => void;
  reject: (error: Error) => void;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

export class ExtractionPool {
  readonly size: number;
  readonly #timeoutMs: number;
  readonly #memoryMb: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = options.workers ?? Math.max(1, os.availableParallelism());
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#memoryMb = options.memoryMb ?? 512;
    for (let i = 0; i < this.size; i++) this.#slots.push(this.#spawn());
  }

  /** Processes a file; with `keep`, its original is stored too once it is processed. */
  async process(
    request: ProcessRequest,
    keep?: { contentDir: string; sha256: string },
  ): Promise<Processed> {
    return (await this.#submit({
      kind: 'process',
      request,
      ...(keep ? { keep } : {}),
    })) as Processed;
  }

  /** Writes a processed document and its files in a worker (see `persistDocument`). */
  async persist(request: PersistRequest): Promise<void> {
    await this.#submit({ kind: 'persist', request });
  }

  #submit(message: WorkerJob): Promise<Processed | undefined> {
    if (this.#closed) return Promise.reject(new Error('the extraction pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ message, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.#memoryMb, maxYoungGenerationSizeMb: 64 },
    });
    // An idle worker must not keep the process alive.
    worker.unref();
    const ready = new Promise<void>((resolve) => {
      worker.once('message', () => {
        resolve();
      });
    });
    const slot: Slot = { worker, busy: false, dead: false, ready };
    worker.once('exit', () => {
      slot.dead = true;
    });
    return slot;
  }

  #dispatch(): void {
    for (const [index, current] of this.#slots.entries()) {
      if (current.busy) continue;
      const job = this.#queue.shift();
      if (!job) return;
      const slot = current.dead ? this.#spawn() : current;
      this.#slots[index] = slot;
      this.#run(slot, job);
    }
  }

  #run(slot: Slot, job: Job): void {
    slot.busy = true;
    const { worker } = slot;
    const finish = (settle: () => void, replace: boolean) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (replace) {
        void worker.terminate();
        const index = this.#slots.indexOf(slot);
        if (!this.#closed && index !== -1) this.#slots[index] = this.#spawn();
      } else {
        slot.busy = false;
        worker.unref();
      }
      settle();
      this.#dispatch();
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply === 'ready') return;
      if (reply.ok)
        finish(() => {
          job.resolve(reply.result);
        }, false);
      else if (reply.rejected)
        finish(() => {
          job.reject(new RejectedFileError(reply.reason));
        }, false);
      // A write that fails (a full disk) is the run's problem, not the file's.
      else if (job.message.kind === 'persist')
        finish(() => {
          const { id } = (job.message as Extract<WorkerJob, { kind: 'persist' }>).request.doc.meta;
          const cause = Object.assign(new Error(reply.message), { stack: reply.stack });
          job.reject(new Error(`Failed to write document ${id}: ${reply.message}`, { cause }));
        }, false);
      // An extractor's own failure concerns this file only: reported, and the run goes on.
      else
        finish(() => {
          job.reject(new RejectedFileError(`extraction failed: ${reply.message}`));
        }, false);
    };
    const onError = (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `extraction needed more than ${String(this.#memoryMb)} MB of memory`
          : `extraction crashed: ${error.message}`;
      finish(() => {
        job.reject(new RejectedFileError(reason, { cause: error }));
      }, true);
    };
    const onExit = (code: number) => {
      finish(() => {
        job.reject(new RejectedFileError(`extraction stopped unexpectedly (exit ${String(code)})`));
      }, true);
    };
    let timer: NodeJS.Timeout | undefined;
    void slot.ready.then(() => {
      if (!slot.busy || !this.#slots.includes(slot)) return;
      timer = setTimeout(() => {
        finish(() => {
          job.reject(
            new RejectedFileError(
              `extraction took longer than ${String(this.#timeoutMs / 1000)} s`,
            ),
          );
        }, true);
      }, this.#timeoutMs);
    });
    worker.ref();
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // Copied, not transferred: small Buffers share Node's pool, which must stay intact.
    worker.postMessage(job.message);
  }
}
