/** npm run ingest -- <input-dir> [--collection C] [--sync] [--content-dir D] [--default-classification L] [--report F] [--no-index] */
import os from 'node:os';
import path from 'node:path';
import { openAuditTrail } from '../src/access/audit.ts';
import { defaultCollection } from '../src/ingest/collection.ts';
import { parseCli, runScript, UsageError, wholeNumberOption } from '../src/cli/args.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { ingestWithProgress, printIngestReport, updateIndex } from '../src/cli/ingest-output.ts';
import { CLASSIFICATIONS, type Classification } from '../src/schema/document.ts';
import { OCR_MODES, type OcrMode } from '../src/ingest/ocr-step.ts';
import type { ReportEntry } from '../src/ingest/pipeline.ts';
import { ReportFile } from '../src/cli/report-file.ts';

const USAGE = `Usage: npm run ingest -- <input-dir> [--collection C] [--sync] [--content-dir D] [--default-classification ${CLASSIFICATIONS.join('|')}] [--report F] [--no-index] [--workers N] [--max-file-mb N] [--max-text-mb N] [--rehash] [--ocr ${OCR_MODES.join('|')}]`;

function megabytes(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || number <= 0 || number > 100_000) {
    throw new UsageError(`--${flag}: expected a size in megabytes above 0, got "${value}".`);
  }
  return Math.round(number * 1024 * 1024);
}

runScript(USAGE, async () => {
  const { values, positionals } = parseCli(
    process.argv.slice(2),
    {
      'content-dir': { type: 'string' },
      'default-classification': { type: 'string', default: 'internal' },
      report: { type: 'string' },
      'no-index': { type: 'boolean', default: false },
      workers: { type: 'string' },
      'max-file-mb': { type: 'string' },
      'max-text-mb': { type: 'string' },
      rehash: { type: 'boolean', default: false },
      ocr: { type: 'string', default: 'wait' },
      collection: { type: 'string' },
      sync: { type: 'boolean', default: false },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('Expected exactly one input folder.');
  const level = values['default-classification'];
  if (!(CLASSIFICATIONS as readonly string[]).includes(level)) {
    throw new UsageError(
      `--default-classification: "${level}" is not one of ${CLASSIFICATIONS.join(', ')}.`,
    );
  }
  if (!(OCR_MODES as readonly string[]).includes(values.ocr)) {
    throw new UsageError(`--ocr: "${values.ocr}" is not one of ${OCR_MODES.join(', ')}.`);
  }
  const fileBytes = megabytes(values['max-file-mb'], 'max-file-mb');
  const textBytes = megabytes(values['max-text-mb'], 'max-text-mb');
  const config = configWithContentDir(values['content-dir']);
  const { contentDir } = config;
  const inputDir = path.resolve(positionals[0] as string);
  const collection = values.collection ?? defaultCollection(inputDir);
  if (collection === undefined) {
    throw new UsageError(
      `--collection: the input folder's name "${path.basename(inputDir)}" does not make a collection name (lower-case ASCII letters, digits, ".", "_" or "-"); name one with --collection`,
    );
  }
  const by = os.userInfo().username;
  // Entries stream to the report as the run decides them (see report-file.ts).
  const reportFile = values.report ? new ReportFile(values.report) : undefined;
  const report = await ingestWithProgress('ingest', {
    ...(reportFile
      ? {
          onEntry: (entry: ReportEntry) => {
            reportFile.add(entry);
          },
        }
      : {}),
    inputDir,
    contentDir,
    defaultClassification: level as Classification,
    rehash: values.rehash,
    collection,
    ...(values.sync ? { sync: { by } } : {}),
    ocr: values.ocr as OcrMode,
    limits: {
      ...(fileBytes === undefined ? {} : { fileBytes }),
      ...(textBytes === undefined ? {} : { textBytes }),
    },
    ...(values.workers
      ? { pool: { workers: wholeNumberOption('workers', values.workers, 1, 64) ?? 1 } }
      : {}),
  }).catch(async (error: unknown) => {
    await reportFile?.discard();
    throw error;
  });
  printIngestReport(report, contentDir);
  await reportFile?.finish(report);
  // Who withdrew what: the audit trail, as for `npm run withdraw`.
  const audit = openAuditTrail(config);
  for (const { id, reason } of report.sync?.withdrawn ?? []) {
    await audit.record({ event: 'withdraw', user: by, document: id, reason, outcome: 'withdrawn' });
  }

  if (!values['no-index']) await updateIndex(config, report);
  return report.rejected.length > 0 || report.sync?.refused ? 1 : 0;
});
