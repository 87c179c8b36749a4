/** What the extraction pool and its workers say to each other (see pool.ts, worker.ts). */
import type { Processed, ProcessRequest } from './process.ts';
import type { PersistRequest, RelinkRequest } from './write.ts';

export type WorkerJob =
  | {
      kind: 'process';
      request: ProcessRequest;
      /** Where to keep the original once the file is processed: its bytes are here already. */
      keep?: { contentDir: string; sha256: string };
    }
  | { kind: 'persist'; request: PersistRequest }
  | { kind: 'relink'; request: RelinkRequest };

/** A file processed; a document rewritten or not (relink); nothing (persist). */
export type JobResult = Processed | boolean | undefined;

export type JobReply =
  | { ok: true; result: JobResult }
  | { ok: false; rejected: true; reason: string }
  | { ok: false; rejected: false; message: string; stack?: string };

/** The pool's message: jobs run in order. */
export interface WorkerBatch {
  jobs: WorkerJob[];
}

/** The worker's answer to a batch: one reply per job, in order; or 'ready' once loaded. */
export type WorkerReply = 'ready' | { replies: JobReply[] };

/** What the pool tells each worker when it starts it. */
export interface WorkerSettings {
  timeoutMs: number;
}

/** A file that took too long, said as the pool says it when it must stop a worker. */
export const tooLong = (ms: number) => `extraction took longer than ${String(ms / 1000)} s`;
