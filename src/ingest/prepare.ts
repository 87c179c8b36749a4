/**
 * Prepare: one input file read, checked and hashed with its metadata, ready
 * to be routed; a file whose stamp says it is as it was is not read at all.
 */
import fsSync from 'node:fs';
import type { ArchiveCatalog } from './catalog.ts';
import type { DiscoveredFile } from './discover.ts';
import { extractorFor, RejectedFileError } from './extract/index.ts';
import { sha256 } from './identity.ts';
import { readSidecar, type ManifestReader, type MetadataLayer } from './metadata.ts';
import type { InputStamps } from './stamp.ts';
import type { Prepared } from './write.ts';
import type { Classification } from '../schema/document.ts';

// Bump when extraction or enrichment changes, so that every file is processed anew.
export const PIPELINE_VERSION = 5;

export interface PrepareOptions {
  defaultClassification: Classification;
  /** The largest file accepted, and the largest text file (.txt, .md, .html), in bytes. */
  limits?: Partial<FileLimits> | undefined;
  /** Read and hash every file, even those whose stamp says they are as they were. */
  rehash?: boolean | undefined;
  /** The collection the input folder is ingested as (see IngestOptions). */
  collection?: string | undefined;
}

export interface FileLimits {
  fileBytes: number;
  textBytes: number;
}

const MB = 1024 * 1024;
/**
 * A scan of a few hundred pages is large; a text file of more than a few
 * megabytes is a book, and parsing it whole would stall ingest and, later,
 * every reader of it. Both are configurable (--max-file-mb, --max-text-mb).
 */
export const DEFAULT_LIMITS: FileLimits = { fileBytes: 256 * MB, textBytes: 8 * MB };
const TEXT_FORMATS = /\.(txt|md|html?)$/i;

function checkSize(relative: string, size: number, limits: FileLimits): void {
  const megabytes = (bytes: number) => (bytes / MB).toFixed(1);
  if (TEXT_FORMATS.test(relative) && size > limits.textBytes) {
    throw new RejectedFileError(
      `text file of ${megabytes(size)} MB is above the limit of ${megabytes(limits.textBytes)} MB for .txt, .md and .html files (raise it with --max-text-mb)`,
    );
  }
  if (size > limits.fileBytes) {
    throw new RejectedFileError(
      `file of ${megabytes(size)} MB is above the limit of ${megabytes(limits.fileBytes)} MB (raise it with --max-file-mb)`,
    );
  }
}

/** A file whose stamp says it is as it was: nothing read. */
export interface Stamped {
  id: string;
}

/**
 * Reads the file and its metadata, and computes what identifies this input;
 * a file whose stamp is unchanged is not read at all.
 */
export async function prepare(
  file: DiscoveredFile,
  options: PrepareOptions,
  manifests: ManifestReader,
  {
    stamps,
    catalog,
    retryOcr,
  }: { stamps: InputStamps; catalog: ArchiveCatalog; retryOcr: boolean },
): Promise<Prepared | Stamped> {
  extractorFor(file.relative); // an unknown format is rejected before its bytes are read
  // Synchronous: on a re-run this is most of the work, and a round trip to the thread pool costs more.
  const stat = fsSync.statSync(file.absolute);
  const id = catalog.idFor(file.relative);
  // Taken before reading: a change while reading makes the next run read again.
  const stamp = stamps.of(file, stat);
  if (
    !options.rehash &&
    catalog.hasStamp(file.relative, id, stamp) &&
    !(retryOcr && catalog.awaitsOcr(file.relative))
  )
    return { id };
  checkSize(file.relative, stat.size, { ...DEFAULT_LIMITS, ...options.limits });
  // Blocking too: through the thread pool a read is four round trips between threads, and on
  // this kind of virtual machine each wake-up costs more than reading a small file.
  const bytes = fsSync.readFileSync(file.absolute);
  if (bytes.length === 0) throw new RejectedFileError('empty file');
  const layers = [await manifests.layerFor(file), readSidecar(file)].filter(
    (layer): layer is MetadataLayer => layer !== undefined,
  );
  const contentHash = sha256(bytes);
  const inputHash = sha256(
    JSON.stringify([
      PIPELINE_VERSION,
      contentHash,
      options.defaultClassification,
      layers.map((l) => l.raw),
      ...(options.collection === undefined ? [] : [options.collection]),
    ]),
  );
  return {
    file,
    id,
    stamp,
    bytes,
    inputHash,
    layers,
    source: {
      path: file.relative,
      ...(options.collection === undefined ? {} : { collection: options.collection }),
      sha256: contentHash,
      size: bytes.length,
      ingestedAt: new Date().toISOString(),
    },
  };
}
