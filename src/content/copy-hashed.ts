/**
 * Copying a file while hashing it: the copy's checksum is of the bytes that
 * were written, never a second read. For bags and backups.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Hashed {
  sha256: string;
  bytes: number;
}

/** Copies `from` to a new file `to` (never over one) and returns the bytes' sha256 and count. */
export async function copyHashed(from: string, to: string): Promise<Hashed> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx' }));
  return { sha256: hash.digest('hex'), bytes };
}

/** A file's sha256 and size, read as a stream. */
export async function hashFile(file: string): Promise<Hashed> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
