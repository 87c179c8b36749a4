/**
 * npm run export -- --out D [--content-dir C] [--from-year Y] [--to-year Y] [--type T]…
 * [--max-documents N] [--origin URL]: the static offline edition, public documents only, a part of them.
 */
import path from 'node:path';
import { parseCli, runScript, urlOption, UsageError, wholeNumberOption } from '../src/cli/args.ts';
import { startProgress } from '../src/cli/progress.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { exportEdition, ExportUsageError } from '../src/export/edition.ts';
import { parseSelection, SelectionError } from '../src/export/selection.ts';

const USAGE =
  'Usage: npm run export -- --out D [--content-dir C] [--from-year Y] [--to-year Y] [--type T[,T…]]… [--max-documents N] [--pages-per-index N] [--origin URL] [--fallback]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    out: { type: 'string' },
    'content-dir': { type: 'string' },
    'pages-per-index': { type: 'string' },
    'from-year': { type: 'string' },
    'to-year': { type: 'string' },
    type: { type: 'string', multiple: true },
    'max-documents': { type: 'string' },
    origin: { type: 'string' },
    fallback: { type: 'boolean', default: false },
  });
  const pagesPerIndex = wholeNumberOption('pages-per-index', values['pages-per-index']);
  const maxDocuments = wholeNumberOption('max-documents', values['max-documents']);
  let selection;
  try {
    selection = parseSelection({
      fromYear: values['from-year'],
      toYear: values['to-year'],
      types: values.type,
    });
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  if (!values.out) throw new UsageError('--out is required: the folder to write the edition to.');
  const config = configWithContentDir(values['content-dir']);
  const { contentDir } = config;
  // Pages carry their permalink in the portal when its address is known.
  const origin = urlOption('origin', values.origin) ?? config.publicUrl;
  const out = path.resolve(values.out);
  const progress = startProgress('export');
  let done = 0;
  let report;
  try {
    report = await exportEdition(contentDir, out, {
      onDocument: () => {
        progress.update(++done, '');
      },
      ...(pagesPerIndex === undefined ? {} : { pagesPerIndex }),
      ...(maxDocuments === undefined ? {} : { maxDocuments }),
      selection,
      ...(origin === undefined ? {} : { origin }),
      // As `npm start` builds it to stand in for search while Meilisearch is away.
      fallback: values.fallback,
    });
  } catch (error) {
    if (error instanceof ExportUsageError) throw new UsageError(error.message, { cause: error });
    throw error;
  } finally {
    progress.stop();
  }
  for (const { file, reason } of report.invalid) console.log(`left out: ${file}: ${reason}`);
  for (const { id, reason } of report.problems) console.log(`problem: ${id}: ${reason}`);
  console.log(
    `Exported ${String(report.docs)} public documents to ${out} in ${report.seconds.toFixed(1)} s` +
      ` (${String(report.invalid.length)} unreadable, ${String(report.problems.length)} problems)`,
  );
  return report.invalid.length + report.problems.length > 0 ? 1 : 0;
});
