/**
 * The ingest run: discover → (extract → normalise → enrich, in workers) →
 * write. Files are read and checked in discovery order; extraction runs on
 * every core with a bounded number in flight. A bad file is reported and the
 * run goes on.
 */
import fs from 'node:fs/promises';
import { derivativeFile, storeOriginal } from '../content/originals.ts';
import {
  readDocument,
  readDocuments,
  writeDocument,
  writeFileAtomic,
  type StoredDocument,
} from '../content/store.ts';
import type { ArchiveDocument, Classification, Source } from '../schema/document.ts';
import { ValidationError } from '../schema/validate.ts';
import { ArchiveCatalog } from './catalog.ts';
import { discover, type DiscoveredFile, type Rejection } from './discover.ts';
import { extractorFor, RejectedFileError, runsInWorker } from './extract/index.ts';
import { documentId, sha256 } from './identity.ts';
import { ManifestReader, readSidecar, type MetadataLayer } from './metadata.ts';
import { ExtractionPool, type PoolOptions } from './pool.ts';
import { processFile, type Processed, type ProcessRequest } from './process.ts';
import { numberKey } from '../schema/number.ts';

export interface IngestOptions {
  inputDir: string;
  contentDir: string;
  defaultClassification: Classification;
  pool?: PoolOptions;
  /** Called after each input file, for progress display. */
  onFile?: (done: number, source: string) => void;
}

export interface IngestReport {
  ingested: { source: string; id: string }[];
  unchanged: { source: string; id: string }[];
  rejected: Rejection[];
  /** Documents written in this run, including those whose relations were resolved anew. */
  changedIds: string[];
  /** Existing documents that could not be read while loading the archive. */
  invalidExisting: Rejection[];
}

/** The run cannot start at all (exit code 2). */
export class IngestUsageError extends Error {
  override name = 'IngestUsageError';
}

// Files read and hashed ahead of the one being routed.
const READ_AHEAD = 16;

// Bump when extraction or enrichment changes, so that every file is processed anew.
const PIPELINE_VERSION = 3;

interface Prepared {
  file: DiscoveredFile;
  id: string;
  bytes: Uint8Array;
  source: Omit<Source, 'format'>;
  inputHash: string;
  layers: MetadataLayer[];
}

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const stat = await fs.stat(options.inputDir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new IngestUsageError(
      `input folder ${options.inputDir} does not exist or is not a folder`,
    );
  }
  const report: IngestReport = {
    ingested: [],
    unchanged: [],
    rejected: [],
    changedIds: [],
    invalidExisting: [],
  };
  const catalog = await ArchiveCatalog.open(options.contentDir, (file, error) =>
    report.invalidExisting.push({ source: file, reason: error.message }),
  );
  const manifests = new ManifestReader();
  const pool = new ExtractionPool(options.pool);
  const inFlight = new Set<Promise<void>>();
  const duplicates: { owner: string; source: Omit<Source, 'format'> }[] = [];
  const newNumbers: string[] = [];
  let done = 0;
  const settle = (file: DiscoveredFile, outcome: 'ingested' | 'unchanged' | Error, id?: string) => {
    if (outcome instanceof RejectedFileError)
      report.rejected.push({ source: file.relative, reason: outcome.message });
    else if (outcome instanceof Error)
      throw new Error(`Failed to ingest ${file.relative}`, { cause: outcome });
    else report[outcome].push({ source: file.relative, id: id as string });
    options.onFile?.(++done, file.relative);
  };

  try {
    // Decides what becomes of one prepared file, in discovery order: the first
    // file with some bytes owns them, whatever order reads finish in.
    const route = async (file: DiscoveredFile, prepared: Prepared | Error) => {
      if (prepared instanceof Error) {
        settle(file, prepared);
        return;
      }
      const sameBytesOwner = catalog.ownerOfBytes(prepared.source.sha256);
      if (catalog.isUnchanged(file.relative, prepared.id, prepared.inputHash)) {
        settle(file, 'unchanged', prepared.id);
      } else if (sameBytesOwner && sameBytesOwner !== prepared.id) {
        // The same bytes as another document: one document that lists both sources.
        const listed = catalog.ownerOfPath(file.relative) === sameBytesOwner;
        if (!listed) duplicates.push({ owner: sameBytesOwner, source: prepared.source });
        settle(file, listed ? 'unchanged' : 'ingested', sameBytesOwner);
      } else {
        catalog.claimBytes(prepared.source.sha256, prepared.id);
        const request: ProcessRequest = {
          source: file.relative,
          bytes: prepared.bytes,
          layers: prepared.layers.map((layer) => layer.metadata),
          defaultClassification: options.defaultClassification,
        };
        const task = (runsInWorker(file.relative) ? pool.process(request) : processFile(request))
          .then(async (processed) => {
            // Only a document the catalog knows can have sources to keep.
            const existing = catalog.isKnown(prepared.id)
              ? await readExisting(options.contentDir, prepared.id)
              : undefined;
            const meta = await write(prepared, processed, existing, options.contentDir, catalog);
            if (meta.number) newNumbers.push(meta.number);
            report.changedIds.push(meta.id);
            settle(file, 'ingested', meta.id);
          })
          .catch((error: unknown) => {
            settle(file, error as Error);
          })
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
        // Bounded: a few files per worker queued, never the whole input in memory.
        while (inFlight.size >= pool.size * 4) await Promise.race(inFlight);
      }
    };
    // Reads overlap (a window of files being read and hashed); routing stays in order.
    const window: { file: DiscoveredFile; prepared: Promise<Prepared | Error> }[] = [];
    for await (const file of discover(options.inputDir, (rejection) =>
      report.rejected.push(rejection),
    )) {
      window.push({
        file,
        prepared: prepare(file, options, manifests).catch((error: unknown) => error as Error),
      });
      const head = window.length >= READ_AHEAD ? window.shift() : undefined;
      if (head) await route(head.file, await head.prepared);
    }
    for (const { file, prepared } of window) await route(file, await prepared);
    await Promise.all(inFlight);
    report.changedIds.push(...(await addDuplicateSources(options.contentDir, catalog, duplicates)));
    report.changedIds.push(
      ...(await resolveWaiting(options.contentDir, catalog, newNumbers, report)),
    );
    await catalog.seal(report.changedIds.length > 0);
  } finally {
    await Promise.allSettled(inFlight);
    await pool.close();
    catalog.close();
  }
  const bySource = (a: { source: string }, b: { source: string }) =>
    a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
  report.ingested.sort(bySource);
  report.unchanged.sort(bySource);
  report.rejected.sort(bySource);
  report.changedIds = [...new Set(report.changedIds)];
  return report;
}

/** Reads the file and its metadata, and computes what identifies this input. */
async function prepare(
  file: DiscoveredFile,
  options: IngestOptions,
  manifests: ManifestReader,
): Promise<Prepared> {
  extractorFor(file.relative); // an unknown format is rejected before its bytes are read
  const bytes = await fs.readFile(file.absolute);
  if (bytes.length === 0) throw new RejectedFileError('empty file');
  const layers = [await manifests.layerFor(file), await readSidecar(file)].filter(
    (layer): layer is MetadataLayer => layer !== undefined,
  );
  const contentHash = sha256(bytes);
  const inputHash = sha256(
    JSON.stringify([
      PIPELINE_VERSION,
      contentHash,
      options.defaultClassification,
      layers.map((l) => l.raw),
    ]),
  );
  return {
    file,
    id: documentId(file.relative),
    bytes,
    inputHash,
    layers,
    source: {
      path: file.relative,
      sha256: contentHash,
      size: bytes.length,
      ingestedAt: new Date().toISOString(),
    },
  };
}

async function write(
  prepared: Prepared,
  processed: Processed,
  existing: StoredDocument | undefined,
  contentDir: string,
  catalog: ArchiveCatalog,
): Promise<ArchiveDocument> {
  const { given, enriched } = processed;
  const { id } = prepared;
  const source: Source = { ...prepared.source, format: processed.format };
  // Copies of the same bytes found earlier stay listed.
  const others = (existing?.meta.sources ?? []).filter(
    (s) => s.path !== source.path && s.sha256 === source.sha256,
  );
  const meta: ArchiveDocument = {
    ...given,
    id,
    title: enriched.title,
    type: enriched.type,
    language: enriched.language,
    classification: enriched.classification,
    ...(enriched.number ? { number: enriched.number, numberKey: numberKey(enriched.number) } : {}),
    ...(enriched.issuer ? { issuer: enriched.issuer } : {}),
    ...(enriched.issued ? { issued: enriched.issued } : {}),
    status: given.status ?? 'unknown',
    subjects: given.subjects ?? [],
    relations: catalog.resolve(enriched.relations, id),
    ...(processed.pages === undefined ? {} : { pages: processed.pages }),
    ...(processed.needsOcr ? { needsOcr: true } : {}),
    ...(processed.image
      ? {
          image: {
            width: processed.image.width,
            height: processed.image.height,
            derivatives: processed.image.derivatives.map(({ width, height }) => ({
              width,
              height,
            })),
          },
        }
      : {}),
    inputHash: prepared.inputHash,
    sources: [source, ...others],
  };
  await storeOriginal(contentDir, source.sha256, source.path, prepared.bytes);
  for (const derivative of processed.image?.derivatives ?? []) {
    await writeFileAtomic(
      derivativeFile(contentDir, source.sha256, derivative.width),
      derivative.bytes,
    );
  }
  await writeDocument(contentDir, { meta, body: processed.body });
  catalog.add(meta);
  return meta;
}

/** An existing document that does not parse is replaced rather than trusted. */
async function readExisting(contentDir: string, id: string): Promise<StoredDocument | undefined> {
  try {
    return await readDocument(contentDir, id);
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
}

/** Files with the same bytes as a document join its list of sources. */
async function addDuplicateSources(
  contentDir: string,
  catalog: ArchiveCatalog,
  duplicates: { owner: string; source: Omit<Source, 'format'> }[],
): Promise<string[]> {
  const byOwner = Map.groupBy(duplicates, (d) => d.owner);
  const changed: string[] = [];
  for (const [owner, entries] of byOwner) {
    const doc = await readDocument(contentDir, owner);
    const format = doc?.meta.sources[0]?.format;
    if (!doc || !format) continue;
    const known = new Set(doc.meta.sources.map((s) => s.path));
    const added = entries
      .filter((e) => !known.has(e.source.path))
      .map((e) => ({ ...e.source, format }));
    if (added.length === 0) continue;
    const meta = { ...doc.meta, sources: [...doc.meta.sources, ...added] };
    await writeDocument(contentDir, { ...doc, meta });
    catalog.add(meta);
    changed.push(owner);
  }
  return changed;
}

/** Documents that cited a number before it arrived get the target's id now. */
async function resolveWaiting(
  contentDir: string,
  catalog: ArchiveCatalog,
  newNumbers: string[],
  report: IngestReport,
): Promise<string[]> {
  const changed: string[] = [];
  for await (const doc of readDocuments(contentDir, catalog.waitingFor(newNumbers))) {
    const relations = catalog.resolve(doc.meta.relations, doc.meta.id);
    if (JSON.stringify(relations) === JSON.stringify(doc.meta.relations)) continue;
    const meta = { ...doc.meta, relations };
    await writeDocument(contentDir, { meta, body: doc.body });
    catalog.add(meta);
    changed.push(doc.meta.id);
  }
  const written = new Set(report.changedIds);
  return changed.filter((id) => !written.has(id));
}
