/**
 * Zip bomb checks, made on the central directory before anything is
 * decompressed: entry count, total uncompressed size and compression ratio.
 */
import yauzl from 'yauzl';
import { RejectedFileError } from './types.ts';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed, for entries big enough for the ratio to matter. */
  maxRatio: number;
}

export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
};
const RATIO_FLOOR_BYTES = 1024 * 1024;

export async function checkZip(bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes),
      { lazyEntries: true, validateEntrySizes: true },
      (error, file) => {
        if (error)
          reject(
            new RejectedFileError(`not a readable zip container: ${error.message}`, {
              cause: error,
            }),
          );
        else resolve(file);
      },
    );
  });
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new RejectedFileError(
      `zip bomb suspected: ${String(zip.entryCount)} entries (limit ${String(limits.maxEntries)})`,
    );
  }
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (total > limits.maxTotalBytes) {
        zip.close();
        reject(
          new RejectedFileError(
            `zip bomb suspected: more than ${String(limits.maxTotalBytes)} bytes uncompressed`,
          ),
        );
      } else if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
        zip.close();
        reject(
          new RejectedFileError(
            `zip bomb suspected: ${entry.fileName} expands ${String(Math.round(ratio))}× (limit ${String(limits.maxRatio)}×)`,
          ),
        );
      } else {
        zip.readEntry();
      }
    });
    zip.once('end', () => {
      resolve();
    });
    zip.once('error', (error: Error) => {
      reject(new RejectedFileError(`broken zip container: ${error.message}`, { cause: error }));
    });
    zip.readEntry();
  });
}
