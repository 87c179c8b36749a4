/** npm run bench -- [--docs N] [--json FILE]: the benchmark table of the contract. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { runBench, type BenchResult } from '../src/bench/run.ts';

const USAGE = 'Usage: npm run bench -- [--docs N] [--json FILE] [--work-dir D]';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

function table(result: BenchResult): string {
  const rows: [string, string][] = [
    ['documents', String(result.docs)],
    [
      'ingest',
      `${String(result.ingest.seconds)} s, ${String(result.ingest.docsPerSec)} docs/s, peak ${String(result.ingest.peakRssMb)} MB`,
    ],
    ['re-ingest (unchanged)', `${String(result.reingest.seconds)} s`],
    [
      'index (project / raw / plain)',
      `${String(result.index.seconds)} s / ${String(result.index.rawSeconds)} s / ${String(result.index.plainSeconds)} s (project ÷ plain ${ratio(result.index.seconds, result.index.plainSeconds)})`,
    ],
    [
      'search portal p50/p95/p99',
      `${String(result.search.portal.p50)} / ${String(result.search.portal.p95)} / ${String(result.search.portal.p99)} ms, ${String(result.search.portal.qps)} q/s`,
    ],
    [
      'search raw p50/p95/p99',
      `${String(result.search.raw.p50)} / ${String(result.search.raw.p95)} / ${String(result.search.raw.p99)} ms, ${String(result.search.raw.qps)} q/s`,
    ],
    [
      'search plain p50/p95/p99',
      `${String(result.search.plain.p50)} / ${String(result.search.plain.p95)} / ${String(result.search.plain.p99)} ms, ${String(result.search.plain.qps)} q/s`,
    ],
    [
      'portal ÷ plain, ÷ raw (p95)',
      `${ratio(result.search.portal.p95, result.search.plain.p95)}, ${ratio(result.search.portal.p95, result.search.raw.p95)}`,
    ],
    ['document page p50/p95', `${String(result.page.p50)} / ${String(result.page.p95)} ms`],
    [
      'server cold start, memory',
      `${String(result.page.coldStartSeconds)} s, ${String(result.page.serverRssMb)} MB`,
    ],
    [
      'export',
      `${String(result.export.docs)} public documents, ${String(result.export.seconds)} s, peak ${String(result.export.peakRssMb)} MB`,
    ],
    [
      'disk (MB)',
      `input ${String(result.disk.inputMb)}, documents ${String(result.disk.documentsMb)}, originals ${String(result.disk.originalsMb)}, derivatives ${String(result.disk.derivativesMb)}, index ${String(result.disk.indexMb)}`,
    ],
    [
      'offline first search',
      `${String(result.export.firstSearch.kilobytes)} KB in ${String(result.export.firstSearch.requests)} requests, ${String(result.export.firstSearch.milliseconds)} ms to the first result`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    docs: { type: 'string', default: '100000' },
    json: { type: 'string' },
    'work-dir': { type: 'string' },
  });
  const docs = Number(values.docs);
  if (!Number.isInteger(docs) || docs < 1)
    throw new UsageError(`--docs: expected a whole number of 1 or more, got "${values.docs}".`);
  const workDir = path.resolve(values['work-dir'] ?? path.join(os.tmpdir(), 'vankho-bench'));
  const result = await runBench({
    docs,
    workDir,
    root,
    log: (line) => {
      console.error(line);
    },
  });
  console.log(table(result));
  if (values.json) await fs.writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
  await fs.rm(workDir, { recursive: true, force: true });
  return 0;
});
