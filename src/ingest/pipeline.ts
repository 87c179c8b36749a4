/**
 * The ingest run: discover → (extract → normalise → enrich, in workers) →
 * write. Files are read and checked in discovery order; extraction runs on
 * every core with a bounded number in flight. A bad file is reported and the
 * run goes on.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { collectionSchema, type Classification } from '../schema/document.ts';
import { ArchiveCatalog } from './catalog.ts';
import { discover, type DiscoveredFile, type Rejection } from './discover.ts';
import { RejectedFileError, runsInWorker } from './extract/index.ts';
import { ManifestReader } from './metadata.ts';
import { ExtractionPool, type PoolOptions } from './pool.ts';
import { ContentLockedError, lockContent, removeTemporaries } from './run-lock.ts';
import type { ProcessRequest } from './process.ts';
import { addDuplicateSources, duplicateMetadata } from './duplicates.ts';
import { keepVersion } from '../content/versions.ts';
import {
  documentFor,
  persistDocument,
  readExisting,
  resolveStale,
  writeDeferred,
  type Prepared,
} from './write.ts';
import { InputStamps } from './stamp.ts';
import { ReadAhead } from './read-ahead.ts';
import { PIPELINE_VERSION, prepare, type FileLimits, type Stamped } from './prepare.ts';
import { OcrStep, type OcrMode, type OcrReport } from './ocr-step.ts';
import { queueOcrInput } from './ocr-queue.ts';
import { VankhoError } from '../errors.ts';
import { withdrawGone, type SyncOutcome } from './sync.ts';

// Loaded on first use: the main thread processes only images itself, and an ingest that finds
// every file unchanged never loads the extractors, the Markdown writer or the renderer.
const processInThisThread = async (request: ProcessRequest) =>
  (await import('./process.ts')).processFile(request);

export interface IngestOptions {
  inputDir: string;
  contentDir: string;
  defaultClassification: Classification;
  pool?: PoolOptions;
  /** The largest file accepted, and the largest text file (.txt, .md, .html), in bytes. */
  limits?: Partial<FileLimits>;
  /** Read and hash every file, even those whose stamp says they are as they were. */
  rehash?: boolean;
  /**
   * The collection the folder is ingested as: it scopes document ids, so two
   * folders with the same relative paths never collide, and is a facet and an
   * OAI-PMH set. None: ids from paths alone, as before collections existed
   * (the CLI always names one: `--collection`, or the folder's name).
   */
  collection?: string;
  /** Withdraw the documents of `collection` whose files are gone (`by`: who, for the tombstone). */
  sync?: { by: string };
  /** Called after each input file, for progress display. */
  onFile?: (done: number, source: string) => void;
  /** Whether scans are recognised in this run (default) or kept flagged for OCR. */
  ocr?: OcrMode;
  /** Called every 10,000 documents while a catalog that cannot be trusted is rebuilt from them. */
  onCatalogRebuild?: (documents: number) => void;
  /** Called after each page OCR reads, for progress display. */
  onOcrPage?: (source: string, page: number, pages: number) => void;
  /** Called as each step after the files starts: at a million documents they take minutes. */
  onStep?: (step: string) => void;
  /**
   * Called once per input file with what became of it, as the run decides: the
   * run keeps counts, not a list, so that its memory stays flat however large
   * the input (the CLI streams these into `--report`).
   */
  onEntry?: (entry: ReportEntry) => void;
}

/** What became of one input file (a copy of another file's bytes: that document's id). */
export type ReportEntry =
  | { outcome: 'ingested' | 'unchanged'; source: string; id: string }
  | { outcome: 'rejected'; source: string; reason: string };

export interface IngestReport {
  /** Input files by outcome; each file's own entry went to `onEntry`. */
  counts: Record<ReportEntry['outcome'], number>;
  /** The files rejected, each with its reason, in source order: what a person must act on. */
  rejected: Rejection[];
  /** Copies of a document's bytes whose own metadata differs from the document's. */
  conflicts: { source: string; id: string; reason: string }[];
  /**
   * How many documents this run wrote, including those whose relations were
   * resolved anew; their ids: `ArchiveCatalog.writtenByLastRun`.
   */
  changed: number;
  /** Existing documents that could not be read while loading the archive. */
  invalidExisting: Rejection[];
  /** The content folder's fingerprint before and after the run (and the quick one after), for the index. */
  fingerprints: { before: string; after: string; quickAfter: string };
  /** Temporary files of an interrupted run, removed before this one started. */
  temporariesRemoved: number;
  ocr: OcrReport;
  /** With `sync`: the documents withdrawn because their files are gone. */
  sync?: SyncOutcome;
}

/** The run cannot start at all (exit code 2). */
export class IngestUsageError extends VankhoError {
  override name = 'IngestUsageError';
}

// Files read and hashed ahead of the one being routed.
const READ_AHEAD = 16;

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const stat = await fs.stat(options.inputDir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new IngestUsageError(
      `input folder ${options.inputDir} does not exist or is not a folder`,
    );
  }
  if (options.collection !== undefined) {
    const checked = collectionSchema.safeParse(options.collection);
    if (!checked.success) {
      throw new IngestUsageError(
        `--collection "${options.collection}": ${checked.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
  }
  if (options.sync && options.collection === undefined) {
    throw new IngestUsageError('--sync needs a collection: it withdraws only from that collection');
  }
  const report: IngestReport = {
    counts: { ingested: 0, unchanged: 0, rejected: 0 },
    rejected: [],
    conflicts: [],
    changed: 0,
    invalidExisting: [],
    fingerprints: { before: '', after: '', quickAfter: '' },
    temporariesRemoved: 0,
    ocr: { documents: 0, pages: 0, recognised: 0, queued: 0, failed: [] },
  };
  let unlock: () => void;
  try {
    unlock = await lockContent(options.contentDir);
  } catch (error) {
    if (error instanceof ContentLockedError)
      throw new IngestUsageError(error.message, { cause: error });
    throw error;
  }
  try {
    report.temporariesRemoved = await removeTemporaries(options.contentDir);
    return await run(options, report);
  } finally {
    unlock();
  }
}

async function run(options: IngestOptions, report: IngestReport): Promise<IngestReport> {
  const catalog = await ArchiveCatalog.open(
    options.contentDir,
    (file, error) => report.invalidExisting.push({ source: file, reason: error.message }),
    options.onCatalogRebuild,
    options.collection,
  );
  const manifests = new ManifestReader();
  const pool = new ExtractionPool(options.pool);
  // One OCR process per core at most: Tesseract runs single-threaded (see ocr/tesseract.ts).
  const ocr = new OcrStep(options.ocr ?? 'wait', pool.size, options.contentDir, options.onOcrPage);
  report.ocr = ocr.report;
  // A scan kept without text is read again whenever OCR can run.
  const retryOcr = await ocr.ready();
  const readAhead = new ReadAhead();
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  const record = (entry: ReportEntry) => {
    // Whatever became of it, the file is there: --sync withdraws only what is gone.
    if (options.sync) catalog.run.markSeen(entry.source);
    report.counts[entry.outcome]++;
    if (entry.outcome === 'rejected')
      report.rejected.push({ source: entry.source, reason: entry.reason });
    options.onEntry?.(entry);
  };
  const reject = (rejection: Rejection) => {
    record({ outcome: 'rejected', ...rejection });
  };
  const settle = (
    file: DiscoveredFile,
    outcome: 'ingested' | 'unchanged' | 'copy' | Error,
    id?: string,
  ) => {
    if (outcome instanceof RejectedFileError)
      reject({ source: file.relative, reason: outcome.message });
    else if (outcome instanceof Error)
      throw new Error(`Failed to ingest ${file.relative}`, { cause: outcome });
    // A copy of another file's bytes (noted in the catalog): ingested or unchanged is known
    // once the copies have joined their documents.
    else if (outcome !== 'copy') record({ outcome, source: file.relative, id: id as string });
    options.onFile?.(++done, file.relative);
  };

  try {
    // Decides what becomes of one prepared file, in discovery order: the first
    // file with some bytes owns them, whatever order reads finish in.
    const route = async (file: DiscoveredFile, prepared: Prepared | Stamped | Error) => {
      if (prepared instanceof Error) {
        settle(file, prepared);
        return;
      }
      if (!('bytes' in prepared)) {
        settle(file, 'unchanged', prepared.id);
        return;
      }
      const sameBytesOwner = catalog.ownerOfBytes(prepared.source.sha256);
      if (
        catalog.isUnchanged(file.relative, prepared.id, prepared.inputHash) &&
        !(retryOcr && catalog.awaitsOcr(file.relative))
      ) {
        catalog.setStamp(file.relative, prepared.stamp);
        settle(file, 'unchanged', prepared.id);
      } else if (sameBytesOwner && sameBytesOwner !== prepared.id) {
        // The same bytes as another document: one document that lists both sources.
        // A copy already listed is looked at again: its own metadata may have changed.
        const given = duplicateMetadata(
          file.relative,
          prepared.bytes,
          prepared.layers,
          options.defaultClassification,
        );
        catalog.run.addCopy({ owner: sameBytesOwner, source: prepared.source, given });
        settle(file, 'copy', sameBytesOwner);
      } else {
        catalog.claimBytes(prepared.source.sha256, prepared.id);
        const request: ProcessRequest = {
          source: file.relative,
          bytes: prepared.bytes,
          layers: prepared.layers.map((layer) => layer.metadata),
          defaultClassification: options.defaultClassification,
        };
        // A file processed in a worker has its original and document written there: the
        // bytes are already there, and serialising and writing then use every core.
        const inWorker = runsInWorker(file.relative);
        const keep = { contentDir: options.contentDir, sha256: prepared.source.sha256 };
        const task = (inWorker ? pool.process(request, keep) : processInThisThread(request))
          .then((processed) => ocr.apply(processed, request, prepared.source.sha256))
          .then(async (processed) => {
            // Only a document the catalog knows can have sources to keep.
            const existing = catalog.isKnown(prepared.id)
              ? await readExisting(options.contentDir, prepared.id)
              : undefined;
            const meta = documentFor(prepared, processed, existing, catalog);
            const doc = { meta, body: processed.body };
            // Its source changed: the document as it was is kept before it is overwritten.
            if (existing && (meta.version ?? 1) !== (existing.meta.version ?? 1)) {
              await keepVersion(options.contentDir, existing);
            }
            // A citation of a number not here yet: written once the run's files are in.
            const later = meta.relations.some((relation) => relation.id === undefined);
            if (later) catalog.run.defer(doc);
            if (!inWorker) {
              persistDocument({
                contentDir: options.contentDir,
                ...(later ? {} : { doc }),
                original: { sha256: keep.sha256, path: file.relative, bytes: prepared.bytes },
                derivatives: processed.image?.derivatives ?? [],
              });
            } else if (!later) await pool.persist({ contentDir: options.contentDir, doc });
            // The catalog notes what the run wrote and which numbers it touched (catalog.ts).
            catalog.add(meta);
            if (existing?.meta.number) catalog.citations.touchNumber(existing.meta.number);
            catalog.setStamp(file.relative, prepared.stamp);
            settle(file, 'ingested', meta.id);
          })
          .catch((error: unknown) => {
            settle(file, error as Error);
          })
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
        // Bounded: a few files per worker queued (enough to fill its batches), never the whole
        // input in memory.
        while (inFlight.size >= pool.size * 8) await Promise.race(inFlight);
      }
    };
    // Reads overlap (a window of files being read and hashed); routing stays in order.
    const window: { file: DiscoveredFile; prepared: Promise<Prepared | Stamped | Error> }[] = [];
    const stamps = new InputStamps([PIPELINE_VERSION, options.defaultClassification]);
    for await (const file of discover(options.inputDir, reject, (dir, names) => {
      readAhead.folder(dir, names);
    })) {
      window.push({
        file,
        prepared: prepare(file, options, manifests, { stamps, catalog, retryOcr }).catch(
          (error: unknown) => error as Error,
        ),
      });
      const head = window.length >= READ_AHEAD ? window.shift() : undefined;
      if (head) await route(head.file, await head.prepared);
    }
    for (const { file, prepared } of window) await route(file, await prepared);
    await readAhead.close();
    await Promise.all(inFlight);
    options.onStep?.('writing the documents that cite later ones');
    await writeDeferred(options.contentDir, catalog, (request) => pool.persist(request));
    options.onStep?.('joining copies to their documents');
    const joined = await addDuplicateSources(options.contentDir, catalog);
    report.conflicts.push(...joined.conflicts);
    // A copy whose entry was added or changed was ingested, not unchanged.
    const updated = new Set(joined.updatedSources);
    for (const { path: source, owner } of catalog.run.copiesFound()) {
      record({ outcome: updated.has(source) ? 'ingested' : 'unchanged', source, id: owner });
    }
    options.onStep?.('resolving citations anew');
    await resolveStale(options.contentDir, catalog, (request) => pool.relink(request));
    if (options.sync && options.collection !== undefined) {
      options.onStep?.('withdrawing documents whose files are gone');
      const { counts } = report;
      report.sync = await withdrawGone(
        options.contentDir,
        catalog,
        {
          collection: options.collection,
          by: options.sync.by,
          filesSeen: counts.ingested + counts.unchanged + counts.rejected,
        },
        (rejection) => report.invalidExisting.push(rejection),
      );
    }
    if (ocr.report.queued > 0) {
      await queueOcrInput(options.contentDir, {
        inputDir: path.resolve(options.inputDir),
        defaultClassification: options.defaultClassification,
        collection: options.collection,
      });
    }
    options.onStep?.('sealing the catalog');
    const sealed = await catalog.seal(catalog.run.wroteAny);
    report.fingerprints = {
      before: catalog.openedAs,
      after: sealed.full,
      quickAfter: sealed.quick,
    };
    report.changed = catalog.run.writtenCount;
  } finally {
    await Promise.allSettled(inFlight);
    await readAhead.stop();
    await pool.close();
    catalog.close();
  }
  report.rejected.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return report;
}
