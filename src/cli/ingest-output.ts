/** An ingest run from the command line, what it says when it ends, and the index update after it: for `ingest` and `ocr`. */
import type { Config } from '../config/env.ts';
import { ArchiveCatalog } from '../ingest/catalog.ts';
import { countFiles } from '../ingest/discover.ts';
import {
  ingest,
  IngestUsageError,
  type IngestOptions,
  type IngestReport,
} from '../ingest/pipeline.ts';
import { UsageError } from './args.ts';
import { startProgress } from './progress.ts';

/** Runs ingest with a progress bar; a run that cannot start is a usage error (exit 2). */
export async function ingestWithProgress(
  what: string,
  options: Omit<IngestOptions, 'onFile' | 'onOcrPage' | 'onCatalogRebuild' | 'onStep'>,
): Promise<IngestReport> {
  // On a terminal the bar shows an ETA, which needs the count: a walk that reads no file.
  const total = process.stderr.isTTY
    ? await countFiles(options.inputDir).catch(() => undefined)
    : undefined;
  const progress = startProgress(what, total);
  try {
    return await ingest({
      ...options,
      onFile: (done, source) => {
        progress.update(done, source);
      },
      onCatalogRebuild: (documents) => {
        // Before any file is read: a catalog left unsealed by a killed run is rebuilt first.
        console.error(`catalog: rebuilding from the documents, ${String(documents)} read`);
      },
      onOcrPage: (source, page, pages) => {
        progress.page(source, page, pages);
      },
      onStep: (step) => {
        progress.step(step);
      },
    });
  } catch (error) {
    if (error instanceof IngestUsageError) throw new UsageError(error.message, { cause: error });
    throw error;
  } finally {
    progress.stop();
  }
}

/** Warnings, rejections and the counts, one line each. */
export function printIngestReport(report: IngestReport, contentDir: string): void {
  for (const { source, reason } of report.invalidExisting) {
    console.error(
      `warning: existing ${source} does not parse and was left out of relation look-ups: ${reason}`,
    );
  }
  if (report.temporariesRemoved > 0) {
    console.log(
      `removed ${String(report.temporariesRemoved)} temporary files left by an interrupted run`,
    );
  }
  for (const { source, reason } of report.rejected) console.log(`rejected: ${source}: ${reason}`);
  for (const { source, reason } of report.conflicts) console.log(`warning: ${source}: ${reason}`);
  const { ocr } = report;
  if (ocr.unavailable) console.log(`warning: OCR could not run: ${ocr.unavailable}`);
  for (const { source, reason } of ocr.failed)
    console.log(`warning: ${source}: OCR failed (${reason}); kept, flagged for OCR`);
  if (ocr.documents > 0) {
    console.log(
      `ocr: ${String(ocr.documents)} scans, ${String(ocr.pages)} pages (${String(ocr.recognised)} recognised in this run)`,
    );
  }
  if (ocr.queued > 0) {
    console.log(`ocr: ${String(ocr.queued)} scans kept without text; \`npm run ocr\` reads them`);
  }
  if (report.sync?.refused) console.log(`error: ${report.sync.refused}`);
  for (const { id, source } of report.sync?.withdrawn ?? [])
    console.log(`withdrawn: ${id}: its file ${source} is gone (--sync)`);
  const withdrawn = report.sync ? `, ${String(report.sync.withdrawn.length)} withdrawn` : '';
  console.log(
    `${String(report.counts.ingested)} ingested, ${String(report.counts.unchanged)} unchanged, ${String(report.counts.rejected)} rejected${withdrawn} (content in ${contentDir})`,
  );
}

/** Brings the live index up to date with what the run changed. */
export async function updateIndex(config: Config, report: IngestReport): Promise<void> {
  const started = performance.now();
  // Loaded here: `--no-index` and the bench's ingests never load the indexer.
  const [{ withIndexTarget }, { applyChanges }] = await Promise.all([
    import('../meili/session.ts'),
    import('../meili/sync.ts'),
  ]);
  const result = await withIndexTarget(config, (target) =>
    applyChanges(
      target,
      report.fingerprints,
      ArchiveCatalog.writtenByLastRun(config.contentDir),
      [],
    ),
  ).catch((error: unknown) => {
    throw new Error('The content was written, but the index was not updated; run `npm run index`', {
      cause: error,
    });
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.rebuilt
      ? `index: rebuilt, ${String(result.documents)} documents, in ${seconds} s`
      : `index: updated, ${String(report.changed)} documents changed of ${String(result.documents)}, in ${seconds} s`,
  );
}
