/**
 * The read-ahead thread (see read-ahead.ts): takes the metadata of a folder's
 * files one after another, so that the kernel has their inodes cached by the
 * time the ingest's main thread asks for them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { ReadAheadFolder } from './read-ahead.ts';

if (!parentPort) throw new Error('read-ahead-worker.ts runs inside a worker thread');
const port = parentPort;

port.on('message', ({ dir, names }: ReadAheadFolder) => {
  let found = 0;
  // Only a warm-up: a file that is gone or unreadable is reported when the ingest reads it,
  // so a missing one is passed over here (no exception is thrown for it).
  for (const name of names)
    if (fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false })) found++;
  // One answer per folder (a few thousand in a million files): how many files it found.
  port.postMessage(found);
});
