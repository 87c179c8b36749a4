/**
 * The extraction worker: runs one job at a time for the pool: a file to
 * process (extract → normalise → enrich), or a processed document to write.
 */
import { parentPort } from 'node:worker_threads';
import { RejectedFileError } from './extract/index.ts';
import { storeOriginalSync } from '../content/originals.ts';
import { processFile, type ProcessRequest } from './process.ts';
import { persistDocument, type PersistRequest } from './write.ts';

export type WorkerJob =
  | {
      kind: 'process';
      request: ProcessRequest;
      /** Where to keep the original once the file is processed: its bytes are here already. */
      keep?: { contentDir: string; sha256: string };
    }
  | { kind: 'persist'; request: PersistRequest };

export type WorkerReply =
  | 'ready'
  | { ok: true; result: Awaited<ReturnType<typeof processFile>> | undefined }
  | { ok: false; rejected: true; reason: string }
  | { ok: false; rejected: false; message: string; stack?: string };

if (!parentPort) throw new Error('worker.ts runs inside a worker thread');
const port = parentPort;
// The pool starts a file's time limit only once the worker has loaded.
port.postMessage('ready');

async function run(job: WorkerJob) {
  if (job.kind === 'persist') {
    persistDocument(job.request);
    return undefined;
  }
  const processed = await processFile(job.request);
  if (job.keep) {
    storeOriginalSync(job.keep.contentDir, job.keep.sha256, job.request.source, job.request.bytes);
  }
  return processed;
}

port.on('message', (job: WorkerJob) => {
  run(job).then(
    (result) => {
      const transfer = result?.image?.derivatives.map((d) => d.bytes.buffer as ArrayBuffer) ?? [];
      port.postMessage({ ok: true, result } satisfies WorkerReply, transfer);
    },
    (error: unknown) => {
      const reply: WorkerReply =
        error instanceof RejectedFileError
          ? { ok: false, rejected: true, reason: error.message }
          : {
              ok: false,
              rejected: false,
              message: error instanceof Error ? error.message : String(error),
              ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
            };
      port.postMessage(reply);
    },
  );
});
