/** The extraction worker: runs processFile for the pool, one request at a time. */
import { parentPort } from 'node:worker_threads';
import { RejectedFileError } from './extract/index.ts';
import { processFile, type ProcessRequest } from './process.ts';

export type WorkerReply =
  | 'ready'
  | { ok: true; result: Awaited<ReturnType<typeof processFile>> }
  | { ok: false; rejected: true; reason: string }
  | { ok: false; rejected: false; message: string; stack?: string };

if (!parentPort) throw new Error('worker.ts runs inside a worker thread');
const port = parentPort;
// The pool starts a file's time limit only once the worker has loaded.
port.postMessage('ready');

port.on('message', (request: ProcessRequest) => {
  processFile(request).then(
    (result) => {
      const transfer = result.image?.derivatives.map((d) => d.bytes.buffer as ArrayBuffer) ?? [];
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
