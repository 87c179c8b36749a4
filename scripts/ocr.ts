/** npm run ocr [-- --content-dir D] [--no-index]: reads the scans `--ocr later` kept without text. */
import fs from 'node:fs/promises';
import { parseCli, runScript } from '../src/cli/args.ts';
import { ingestWithProgress, printIngestReport, updateIndex } from '../src/cli/ingest-output.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { dequeueOcrInput, readOcrQueue } from '../src/ingest/ocr-queue.ts';

const USAGE = 'Usage: npm run ocr [-- --content-dir D] [--no-index]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    'content-dir': { type: 'string' },
    'no-index': { type: 'boolean', default: false },
  });
  const config = configWithContentDir(values['content-dir']);
  const { contentDir } = config;
  const queue = await readOcrQueue(contentDir);
  if (queue.length === 0) {
    console.log(`ocr: nothing waits for OCR in ${contentDir}`);
    return 0;
  }
  let failed = 0;
  for (const { inputDir, defaultClassification, collection } of queue) {
    if (!(await fs.stat(inputDir).catch(() => undefined))?.isDirectory()) {
      // The scans are read from their input folder: it must be mounted again.
      console.log(`error: ${inputDir}: input folder not found; its scans stay queued`);
      failed++;
      continue;
    }
    console.log(`ocr: ${inputDir}`);
    // The folder is ingested again: unchanged files cost a stat, kept scans are read with OCR.
    const report = await ingestWithProgress('ocr', {
      inputDir,
      contentDir,
      defaultClassification,
      ...(collection === undefined ? {} : { collection }),
      ocr: 'wait',
    });
    printIngestReport(report, contentDir);
    if (!values['no-index']) await updateIndex(config, report);
    if (report.ocr.queued === 0 && report.ocr.failed.length === 0)
      await dequeueOcrInput(contentDir, inputDir);
    else failed++;
  }
  return failed > 0 ? 1 : 0;
});
