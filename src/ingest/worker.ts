/**
 * The extraction worker: runs the pool's jobs one after another, a batch at a
 * time: files to process (extract → normalise → enrich), processed
 * documents to write, or documents whose citations to rewrite. One message
 * per batch each way: on this machine's kind of virtual machine each wake-up
 * of a thread costs about as much as processing a small text file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RejectedFileError } from './extract/index.ts';
import { storeOriginalSync } from '../content/originals.ts';
import { processFile } from './process.ts';
import { persistDocument, relinkDocument } from './write.ts';
import {
  tooLong,
  type JobReply,
  type WorkerBatch,
  type WorkerJob,
  type WorkerReply,
  type WorkerSettings,
} from './worker-protocol.ts';

if (!parentPort) throw new Error('worker.ts runs inside a worker thread');
const port = parentPort;
const { timeoutMs } = workerData as WorkerSettings;
// The pool starts a batch's time limit only once the worker has loaded.
port.postMessage('ready' satisfies WorkerReply);

async function run(job: WorkerJob) {
  if (job.kind === 'persist') {
    persistDocument(job.request);
    return undefined;
  }
  if (job.kind === 'relink') return relinkDocument(job.request);
  const started = performance.now();
  const processed = await processFile(job.request);
  // A batch's limit is the sum of its jobs' (see pool.ts): a file over its own share is
  // rejected here, as it would have been alone.
  if (performance.now() - started > timeoutMs) throw new RejectedFileError(tooLong(timeoutMs));
  if (job.keep) {
    storeOriginalSync(job.keep.contentDir, job.keep.sha256, job.request.source, job.request.bytes);
  }
  return processed;
}

function failure(error: unknown): JobReply {
  return error instanceof RejectedFileError
    ? { ok: false, rejected: true, reason: error.message }
    : {
        ok: false,
        rejected: false,
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      };
}

port.on('message', (batch: WorkerBatch) => {
  void (async () => {
    const replies: JobReply[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const job of batch.jobs) {
      try {
        const result = await run(job);
        for (const d of (typeof result === 'object' ? result.image?.derivatives : undefined) ?? [])
          transfer.push(d.bytes.buffer as ArrayBuffer);
        replies.push({ ok: true, result });
      } catch (error) {
        replies.push(failure(error));
      }
    }
    port.postMessage({ replies } satisfies WorkerReply, transfer);
  })();
});
