/**
 * The ingest run: discover → extract → normalise → enrich → write, one file
 * at a time, collecting a report. A bad file is reported and the run goes on.
 */
import fs from 'node:fs/promises';
import {
  readAllDocuments,
  readDocument,
  readDocuments,
  writeDocument,
  type StoredDocument,
} from '../content/store.ts';
import type { ArchiveDocument, Classification } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';
import { ValidationError } from '../schema/validate.ts';
import { discover, type DiscoveredFile, type Rejection } from './discover.ts';
import { enrich } from './enrich.ts';
import { extractorFor, RejectedFileError } from './extract/index.ts';
import { documentId, sha256 } from './identity.ts';
import {
  ManifestReader,
  mergeMetadata,
  readSidecar,
  validateMetadata,
  type MetadataLayer,
} from './metadata.ts';
import { normaliseTree, normaliseValue, toMarkdown } from './normalise.ts';
import { NumberIndex } from './numbers.ts';

export interface IngestOptions {
  inputDir: string;
  contentDir: string;
  defaultClassification: Classification;
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

// Bump when extraction or enrichment changes, so that every file is processed anew.
const PIPELINE_VERSION = 1;

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
  const numbers = await NumberIndex.load(
    readAllDocuments(options.contentDir, (file, error) =>
      report.invalidExisting.push({ source: file, reason: error.message }),
    ),
  );
  const manifests = new ManifestReader();
  const newNumbers: string[] = [];
  let done = 0;
  for await (const file of discover(options.inputDir, (rejection) =>
    report.rejected.push(rejection),
  )) {
    try {
      const outcome = await ingestFile(file, options, manifests, numbers);
      if (outcome.changed) {
        report.ingested.push({ source: file.relative, id: outcome.meta.id });
        report.changedIds.push(outcome.meta.id);
        if (outcome.meta.number) newNumbers.push(outcome.meta.number);
      } else {
        report.unchanged.push({ source: file.relative, id: outcome.meta.id });
      }
    } catch (error) {
      if (!(error instanceof RejectedFileError)) {
        throw new Error(`Failed to ingest ${file.relative}`, { cause: error });
      }
      report.rejected.push({ source: file.relative, reason: error.message });
    }
    options.onFile?.(++done, file.relative);
  }
  report.changedIds.push(
    ...(await resolveWaiting(options.contentDir, numbers, newNumbers, report)),
  );
  return report;
}

async function ingestFile(
  file: DiscoveredFile,
  options: IngestOptions,
  manifests: ManifestReader,
  numbers: NumberIndex,
): Promise<{ changed: boolean; meta: ArchiveDocument }> {
  const extractor = extractorFor(file.relative);
  const bytes = await fs.readFile(file.absolute);
  const layers = [await manifests.layerFor(file), await readSidecar(file)].filter(
    (layer): layer is MetadataLayer => layer !== undefined,
  );
  const id = documentId(file.relative);
  const contentHash = sha256(bytes);
  const inputHash = sha256(
    JSON.stringify([
      PIPELINE_VERSION,
      contentHash,
      options.defaultClassification,
      layers.map((l) => l.raw),
    ]),
  );
  const existing = await readExisting(options.contentDir, id);
  if (existing?.meta.inputHash === inputHash) return { changed: false, meta: existing.meta };

  const extracted = await extractor(bytes, file.relative);
  const tree = normaliseTree(extracted.tree);
  const declared =
    extracted.declared === undefined
      ? []
      : [validateMetadata(extracted.declared, `${file.relative} front matter`)];
  const given = normaliseValue(mergeMetadata([...layers.map((l) => l.metadata), ...declared]));
  const enriched = enrich(tree, given, options.defaultClassification);
  const body = toMarkdown(tree);
  if (body.trim() === '' && !given.title) throw new RejectedFileError('no text and no title');

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
    relations: numbers.resolve(enriched.relations, id),
    inputHash,
    sources: [
      {
        path: file.relative,
        sha256: contentHash,
        size: bytes.length,
        format: extracted.format,
        ingestedAt: new Date().toISOString(),
      },
    ],
  };
  await writeDocument(options.contentDir, { meta, body });
  numbers.add(meta);
  return { changed: true, meta };
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

/** Documents that cited a number before it arrived get the target's id now. */
async function resolveWaiting(
  contentDir: string,
  numbers: NumberIndex,
  newNumbers: string[],
  report: IngestReport,
): Promise<string[]> {
  const changed: string[] = [];
  const justWritten = new Set(report.changedIds);
  for await (const doc of readDocuments(contentDir, numbers.waitingFor(newNumbers))) {
    const relations = numbers.resolve(doc.meta.relations, doc.meta.id);
    if (JSON.stringify(relations) === JSON.stringify(doc.meta.relations)) continue;
    await writeDocument(contentDir, { meta: { ...doc.meta, relations }, body: doc.body });
    if (!justWritten.has(doc.meta.id)) changed.push(doc.meta.id);
  }
  return changed;
}
