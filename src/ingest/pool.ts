/**
 * A pool of extraction workers. Each file is processed under a memory limit
 * and a time limit: a file that exceeds either is rejected, its worker
 * replaced, and the run goes on. Jobs waiting when a worker comes free go to
 * it together, in one message (see worker.ts).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { RejectedFileError } from './extract/index.ts';
import type { Processed, ProcessRequest } from './process.ts';
import {
  tooLong,
  type JobReply,
  type JobResult,
  type WorkerBatch,
  type WorkerJob,
  type WorkerReply,
  type WorkerSettings,
} from './worker-protocol.ts';
import type { PersistRequest, RelinkRequest } from './write.ts';

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
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
  /** Run again on its own: its batch's worker died or ran out of time, and the culprit is unknown. */
  alone?: boolean;
}

// Jobs sent to a worker in one message at most. Each message wakes a thread, which on this
// machine's kind of virtual machine costs as much as processing a small text file.
const BATCH = 8;

const WORKER_URL = new URL('./worker.ts', import.meta.url);

const closedError = () => new Error('the extraction pool is closed');

export class ExtractionPool {
  readonly size: number;
  readonly #timeoutMs: number;
  readonly #memoryMb: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  /** Jobs run and messages sent to workers so far: how well batching works. */
  readonly sent = { jobs: 0, messages: 0 };
  #closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = options.workers ?? Math.max(1, os.availableParallelism());
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#memoryMb = options.memoryMb ?? 512;
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

  /**
   * Rewrites a document's citations in a worker (see `relinkDocument`): true
   * when its file changed.
   */
  async relink(request: RelinkRequest): Promise<boolean> {
    return (await this.#submit({ kind: 'relink', request })) === true;
  }

  #submit(message: WorkerJob): Promise<JobResult> {
    if (this.#closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.#queue.push({ message, resolve, reject });
      this.#dispatch();
    });
  }

  /** Stops the workers; every job not yet answered is rejected, none is left waiting. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(closedError());
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.#memoryMb, maxYoungGenerationSizeMb: 64 },
      workerData: { timeoutMs: this.#timeoutMs } satisfies WorkerSettings,
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
    // Started with the first job: each worker loads every extractor (~1 s of CPU), which a
    // re-run that finds every file unchanged never needs.
    if (this.#slots.length === 0) {
      for (let i = 0; i < this.size; i++) this.#slots.push(this.#spawn());
    }
    let idle = this.#slots.filter((slot) => !slot.busy).length;
    for (const [index, current] of this.#slots.entries()) {
      if (current.busy) continue;
      if (this.#queue.length === 0) return;
      // The waiting jobs shared among the idle workers; a job to be retried goes alone.
      const share = Math.min(BATCH, Math.ceil(this.#queue.length / idle--));
      const jobs = this.#queue[0]?.alone ? this.#queue.splice(0, 1) : [];
      while (jobs.length < share && this.#queue[0] && !this.#queue[0].alone) {
        jobs.push(this.#queue.shift() as Job);
      }
      const slot = current.dead ? this.#spawn() : current;
      this.#slots[index] = slot;
      this.#run(slot, jobs);
    }
  }

  /** One job's reply: its result, its file rejected, or (a failed write) the run's problem. */
  #settle(job: Job, reply: JobReply): void {
    if (reply.ok) job.resolve(reply.result);
    else if (reply.rejected) job.reject(new RejectedFileError(reply.reason));
    // A write that fails (a full disk) is the run's problem, not the file's.
    else if (job.message.kind !== 'process') {
      const { request } = job.message;
      const id = 'id' in request ? request.id : request.doc?.meta.id;
      const what = id === undefined ? 'an original' : `document ${id}`;
      const cause = Object.assign(new Error(reply.message), { stack: reply.stack });
      job.reject(new Error(`Failed to write ${what}: ${reply.message}`, { cause }));
    }
    // An extractor's own failure concerns this file only: reported, and the run goes on.
    else job.reject(new RejectedFileError(`extraction failed: ${reply.message}`));
  }

  #run(slot: Slot, jobs: Job[]): void {
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
    // The worker died or ran out of time: alone, the job is the culprit; in a batch, every job
    // runs again on its own (processing and writing are idempotent), and the culprit fails alone.
    const fail = (error: RejectedFileError) => {
      finish(() => {
        const [only] = jobs;
        if (this.#closed) for (const job of jobs) job.reject(closedError());
        else if (only && jobs.length === 1) only.reject(error);
        else this.#queue.unshift(...jobs.map((job) => ({ ...job, alone: true })));
      }, true);
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply === 'ready') return;
      finish(() => {
        jobs.forEach((job, i) => {
          this.#settle(
            job,
            reply.replies[i] ?? { ok: false, rejected: false, message: 'no reply' },
          );
        });
      }, false);
    };
    const onError = (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `extraction needed more than ${String(this.#memoryMb)} MB of memory`
          : `extraction crashed: ${error.message}`;
      fail(new RejectedFileError(reason, { cause: error }));
    };
    const onExit = (code: number) => {
      fail(new RejectedFileError(`extraction stopped unexpectedly (exit ${String(code)})`));
    };
    let timer: NodeJS.Timeout | undefined;
    void slot.ready.then(() => {
      if (!slot.busy || !this.#slots.includes(slot)) return;
      // Each job's own limit, summed: a job over its own is rejected by the worker itself.
      timer = setTimeout(() => {
        fail(new RejectedFileError(tooLong(this.#timeoutMs)));
      }, this.#timeoutMs * jobs.length);
    });
    worker.ref();
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // Copied, not transferred: small Buffers share Node's pool, which must stay intact.
    this.sent.jobs += jobs.length;
    this.sent.messages++;
    worker.postMessage({ jobs: jobs.map((job) => job.message) } satisfies WorkerBatch);
  }
}
