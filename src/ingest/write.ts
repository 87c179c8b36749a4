/**
 * Write: the document file, its original and derivatives, and what the
 * catalog must know; then sources joined by duplicates and citations resolved
 * once their targets have arrived.
 */
import { derivativeFile, storeOriginalSync } from '../content/originals.ts';
import {
  readDocument,
  readDocumentSync,
  writeDocumentSync,
  writeFileAtomicSync,
  type StoredDocument,
} from '../content/store.ts';
import { isSameFile, type ArchiveDocument, type Source } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';
import { ValidationError } from '../schema/validate.ts';
import type { ArchiveCatalog } from './catalog.ts';
import { linksOf, relink, type Link } from './links.ts';
import type { DiscoveredFile } from './discover.ts';
import type { MetadataLayer } from './metadata.ts';
import type { Processed } from './process.ts';

/** A file read and hashed, ready to be routed. */
export interface Prepared {
  file: DiscoveredFile;
  id: string;
  bytes: Uint8Array;
  source: Omit<Source, 'format'>;
  inputHash: string;
  /** The file's stamp when it was read (see stamp.ts). */
  stamp: string;
  layers: MetadataLayer[];
}

/**
 * What one ingested file writes: the document, and its original and an image's
 * derivatives unless they were stored where the file was processed (see worker.ts).
 */
export interface PersistRequest {
  contentDir: string;
  /** None when the document is written later (`catalog.run.defer`). */
  doc?: StoredDocument;
  original?: { sha256: string; path: string; bytes: Uint8Array };
  derivatives?: { width: number; bytes: Uint8Array }[];
}

/**
 * Writes them, blocking: in an extraction worker (see pool.ts), so that
 * serialising and writing use every core; the document comes last, so it
 * never points at a missing original.
 */
export function persistDocument({ contentDir, doc, original, derivatives }: PersistRequest): void {
  if (original) {
    storeOriginalSync(contentDir, original.sha256, original.path, original.bytes);
    for (const derivative of derivatives ?? []) {
      writeFileAtomicSync(
        derivativeFile(contentDir, original.sha256, derivative.width),
        derivative.bytes,
      );
    }
  }
  if (doc) writeDocumentSync(contentDir, doc);
}

/** The document one processed file makes: its metadata, sources and resolved relations. */
export function documentFor(
  prepared: Prepared,
  processed: Processed,
  existing: StoredDocument | undefined,
  catalog: ArchiveCatalog,
): ArchiveDocument {
  const { given, enriched } = processed;
  const { id } = prepared;
  // The classification the file's own metadata gives: who may see that this source exists.
  const source: Source = {
    ...prepared.source,
    format: processed.format,
    classification: enriched.classification,
  };
  // Copies of the same bytes found earlier stay listed.
  const others = (existing?.meta.sources ?? []).filter(
    (s) => !isSameFile(s, source) && s.sha256 === source.sha256,
  );
  const collection = source.collection ?? existing?.meta.collection;
  const meta: ArchiveDocument = {
    ...given,
    id,
    title: enriched.title,
    type: enriched.type,
    language: enriched.language,
    classification: enriched.classification,
    ...(enriched.number ? { number: enriched.number, numberKey: numberKey(enriched.number) } : {}),
    ...(collection === undefined ? {} : { collection }),
    ...(enriched.issuer ? { issuer: enriched.issuer } : {}),
    ...(enriched.issued ? { issued: enriched.issued } : {}),
    status: given.status ?? 'unknown',
    subjects: given.subjects ?? [],
    relations: catalog.citations.resolve(enriched.relations, { id, issuer: enriched.issuer }),
    ...(processed.pages === undefined ? {} : { pages: processed.pages }),
    ...(processed.needsOcr ? { needsOcr: true } : {}),
    ...(processed.ocr ? { ocr: processed.ocr } : {}),
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
    ...nextVersion(existing, source),
    // A withdrawn document stays withdrawn when its file changes: only an archivist undoes that.
    ...(existing?.meta.withdrawn ? { withdrawn: existing.meta.withdrawn } : {}),
    inputHash: prepared.inputHash,
    sources: [source, ...others],
  };
  return meta;
}

/**
 * A new version when the document's own source file changed (other bytes at
 * the same path): the one it replaces is listed, and kept whole by the
 * pipeline (content/versions.ts). Metadata or citation changes are not versions.
 */
function nextVersion(
  existing: StoredDocument | undefined,
  source: Source,
): Pick<ArchiveDocument, 'version' | 'versions'> {
  if (!existing) return {};
  const { meta } = existing;
  const before = meta.sources.find((s) => isSameFile(s, source));
  const kept = meta.version === undefined ? {} : { version: meta.version };
  const listed = meta.versions === undefined ? {} : { versions: meta.versions };
  if (!before || before.sha256 === source.sha256) return { ...kept, ...listed };
  const current = meta.version ?? 1;
  return {
    version: current + 1,
    versions: [
      ...(meta.versions ?? []),
      { version: current, ingestedAt: before.ingestedAt, sha256: before.sha256, size: before.size },
    ],
  };
}

/** An existing document that does not parse is replaced rather than trusted. */
export async function readExisting(
  contentDir: string,
  id: string,
): Promise<StoredDocument | undefined> {
  try {
    return await readDocument(contentDir, id);
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
}

/** A document whose citations of these number keys resolve differently now (`catalog.citations.staleCiters`). */
export interface RelinkRequest {
  contentDir: string;
  id: string;
  links: Link[];
}

/**
 * Rewrites the document's citations as `links` resolve them, blocking: in an
 * extraction worker (see pool.ts), so that reading, parsing and writing the
 * citers of a collection that brings their targets use every core, with the
 * main thread free. False when there is no such document or it already says so.
 */
export function relinkDocument({ contentDir, id, links }: RelinkRequest): boolean {
  const doc = readDocumentSync(contentDir, id);
  if (!doc) return false;
  const relations = relink(doc.meta.relations, links);
  if (JSON.stringify(relations) === JSON.stringify(doc.meta.relations)) return false;
  writeDocumentSync(contentDir, { meta: { ...doc.meta, relations }, body: doc.body });
  return true;
}

/**
 * Writes the documents kept back while the run's files were processed
 * (`catalog.run.defer`), with their citations resolved against all of them.
 * `persist` writes one (an ingest passes its worker pool's).
 */
export async function writeDeferred(
  contentDir: string,
  catalog: ArchiveCatalog,
  persist: (request: PersistRequest) => Promise<void> = (request) => {
    persistDocument(request);
    return Promise.resolve();
  },
): Promise<void> {
  await eachInFlight(catalog.run.deferred(), async ({ meta: given, body }) => {
    const meta = { ...given, relations: catalog.citations.resolve(given.relations, given) };
    await persist({ contentDir, doc: { meta, body } });
    // Registered when it was deferred, and counted as written then: only its citations changed.
    catalog.citations.relinked(meta.id, linksOf(meta.relations), false);
  });
}

/**
 * Rewrites the documents whose citations resolve differently now (see
 * `catalog.citations.staleCiters`): a target arrived, or one that comes first by the rule
 * of `chooseTarget`. The catalog counts each rewrite among the run's documents written.
 * `rewrite` rewrites one (an ingest passes its worker pool's).
 */
export async function resolveStale(
  contentDir: string,
  catalog: ArchiveCatalog,
  rewrite: (request: RelinkRequest) => Promise<boolean> = (request) =>
    Promise.resolve(relinkDocument(request)),
): Promise<void> {
  await eachInFlight(catalog.citations.staleCiters(), async ({ id, links }) => {
    catalog.citations.relinked(id, links, await rewrite({ contentDir, id, links }));
  });
}

/**
 * Runs `task` on each item, a few at a time (enough to fill the pool's batches), taking the
 * next item only as one ends. A failure (a failed write) ends the run: the others are let
 * finish, none is left unobserved.
 */
async function eachInFlight<T>(items: Iterable<T>, task: (item: T) => Promise<void>) {
  const inFlight = new Set<Promise<void>>();
  try {
    for (const item of items) {
      const running: Promise<void> = task(item).finally(() => inFlight.delete(running));
      inFlight.add(running);
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await Promise.allSettled(inFlight);
  }
}

const IN_FLIGHT = 16;
