/**
 * npm run bench -- [--docs N] [--json FILE] [--skip raw,plain,export,ocr] [--work-dir D] [--keep]
 * [--from generate|ingest|reingest|index|search] [--load] [--faults]: the benchmark table of the
 * contract. `--from` goes on in a work folder an earlier run kept, and keeps it. `--load` and
 * `--faults` add the load and kill -9 campaigns. `--plain-only`: the plain anchor alone, from the
 * generator (no files, no ingest), for a size whose portal figures an earlier run measured.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli, runScript, UsageError, wholeNumberOption } from '../src/cli/args.ts';
import { runPlainOnly } from '../src/bench/plain-only.ts';
import {
  OPTIONAL_STAGES,
  START_STAGES,
  runBench,
  type StartStage,
  type OptionalStage,
  type PartialBench,
} from '../src/bench/run.ts';

const USAGE = `Usage: npm run bench -- [--docs N] [--json FILE] [--skip ${OPTIONAL_STAGES.join(',')}] [--work-dir D] [--keep] [--from ${START_STAGES.join('|')}] [--load [--load-seconds S] [--load-clients N] [--load-warm-up S]] [--faults] | [--docs N] --plain-only [--json FILE] [--work-dir D] [--keep]`;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const n = (value: number) => String(value);

/** The rows measured so far; a stage left out or not reached is said so. */
function table(result: PartialBench): string {
  const { ingest, reingest, index, search, page, disk } = result;
  const rows: [string, string | undefined][] = [
    ['documents', n(result.docs)],
    [
      'ingest',
      ingest &&
        `${n(ingest.seconds)} s, ${n(ingest.docsPerSec)} docs/s, peak ${n(ingest.peakRssMb)} MB`,
    ],
    ['re-ingest (unchanged)', reingest && `${n(reingest.seconds)} s`],
    [
      'index (project / raw / plain)',
      index &&
        `${n(index.seconds)} s${index.resumedFrom ? ` (over runs; resumed at ${n(index.resumedFrom)} documents)` : ''} / ${index.rawSeconds ? `${n(index.rawSeconds)} s` : 'skipped'} / ${index.plainSeconds ? `${n(index.plainSeconds)} s (project ÷ plain ${ratio(index.seconds, index.plainSeconds)})` : 'skipped'}`,
    ],
    ...(['portal', 'raw', 'plain'] as const).map((kind): [string, string | undefined] => {
      const measured = search?.[kind];
      return [
        `search ${kind} p50/p95/p99`,
        search &&
          (measured
            ? `${n(measured.p50)} / ${n(measured.p95)} / ${n(measured.p99)} ms, ${n(measured.qps)} q/s`
            : 'skipped'),
      ];
    }),
    [
      'portal ÷ plain, ÷ raw (p95)',
      search &&
        `${search.plain ? ratio(search.portal.p95, search.plain.p95) : 'n/a'}, ${ratio(search.portal.p95, search.raw.p95)}`,
    ],
    ['document page p50/p95', page && `${n(page.p50)} / ${n(page.p95)} ms`],
    [
      'server cold start, memory',
      page && `${n(page.coldStartSeconds)} s, ${n(page.serverRssMb)} MB`,
    ],
    [
      'export',
      result.export &&
        `${n(result.export.docs)} public documents, ${n(result.export.seconds)} s, peak ${n(result.export.peakRssMb)} MB`,
    ],
    [
      'offline first search',
      result.export &&
        `${n(result.export.firstSearch.kilobytes)} KB in ${n(result.export.firstSearch.requests)} requests, ${n(result.export.firstSearch.milliseconds)} ms to the first results; ${n(result.export.firstSearch.complete.kilobytes)} KB in ${n(result.export.firstSearch.complete.requests)}, ${n(result.export.firstSearch.complete.milliseconds)} ms to the whole edition's ranking`,
    ],
    [
      'ocr (rendered scans)',
      result.ocr &&
        `${n(result.ocr.pagesPerMinute)} pages/min on ${n(result.ocr.pages)} pages (Vietnamese ${n(result.ocr.pagesPerMinuteVi)}, Hindi ${n(result.ocr.pagesPerMinuteHi)}), word error ${n(result.ocr.werVi * 100)} % Vietnamese, ${n(result.ocr.werHi * 100)} % Hindi`,
    ],
    [
      'load (clients × s)',
      result.load &&
        `${n(result.load.clients)} × ${n(result.load.seconds)} s: ${n(result.load.requestsPerSec)} req/s, p50/p97.5/p99 ${n(result.load.latency.p50)} / ${n(result.load.latency.p97_5)} / ${n(result.load.latency.p99)} ms, statuses ${JSON.stringify(result.load.statuses)}, ${n(result.load.errors)} errors, memory ${n(result.load.memoryMb.cold)} MB cold, after ${n(result.load.warmUpSeconds)} s of warm-up ${n(result.load.memoryMb.first10s)} → ${n(result.load.memoryMb.last10s)} MB (${n(result.load.memoryMb.growthPercent)} %)`,
    ],
    [
      'faults (kill -9)',
      result.faults &&
        `Meilisearch: ${n(result.faults.meiliKilled.failedSearches)} searches failed ${JSON.stringify(result.faults.meiliKilled.status5xx)}, back in ${n(result.faults.meiliKilled.recoverySeconds)} s; portal: new one answers in ${n(result.faults.portalKilled.restartSeconds)} s, audit ${result.faults.portalKilled.auditVerifies ? 'verifies' : 'BROKEN'}; ingest killed after ${n(result.faults.ingestKilled.killedAfterSeconds)} s: next run exit ${String(result.faults.ingestKilled.nextRunExit)} in ${n(result.faults.ingestKilled.nextRunSeconds)} s`,
    ],
    [
      'disk (MB)',
      disk &&
        `input ${n(disk.inputMb)}, documents ${n(disk.documentsMb)}, originals ${n(disk.originalsMb)}, derivatives ${n(disk.derivativesMb)}, index ${n(disk.indexMb)}`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows
    .map(([name, value]) => `${name.padEnd(width)}  ${value ?? 'not measured'}`)
    .join('\n');
}

function stages(value: string | undefined): Set<OptionalStage> {
  const names = value ? value.split(',').map((name) => name.trim()) : [];
  for (const name of names) {
    if (!(OPTIONAL_STAGES as readonly string[]).includes(name))
      throw new UsageError(
        `--skip: "${name}" is not a stage that can be left out (${OPTIONAL_STAGES.join(', ')}).`,
      );
  }
  return new Set(names as OptionalStage[]);
}

function startStage(value: string | undefined): StartStage | undefined {
  if (value === undefined) return undefined;
  const stage = START_STAGES.find((name) => name === value);
  if (!stage)
    throw new UsageError(`--from: "${value}" is not a stage (${START_STAGES.join(', ')}).`);
  return stage;
}

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    docs: { type: 'string', default: '100000' },
    json: { type: 'string' },
    skip: { type: 'string' },
    'work-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    from: { type: 'string' },
    load: { type: 'boolean', default: false },
    'load-seconds': { type: 'string' },
    'load-clients': { type: 'string' },
    'load-warm-up': { type: 'string' },
    faults: { type: 'boolean', default: false },
    'plain-only': { type: 'boolean', default: false },
  });
  const from = startStage(values.from);
  if (from && from !== 'generate' && !values['work-dir'])
    throw new UsageError(`--from ${from} needs --work-dir: the folder an earlier run kept.`);
  const docs = wholeNumberOption('docs', values.docs) ?? 100_000;
  const workDir = path.resolve(values['work-dir'] ?? path.join(os.tmpdir(), 'vankho-bench'));
  const json = values.json;
  // Written after every stage, so that a run of hours keeps what it measured.
  const save = async (partial: object) => {
    if (json) await fs.writeFile(json, `${JSON.stringify(partial, null, 2)}\n`);
  };
  if (values['plain-only']) {
    if (values.from || values.skip || values.load || values.faults)
      throw new UsageError(
        '--plain-only builds the plain anchor alone: no --from, --skip, --load or --faults.',
      );
    const plain = await runPlainOnly({
      docs,
      workDir,
      onStage: save,
      log: (line) => {
        console.error(`${new Date().toISOString()} ${line}`);
      },
    });
    const { p50, p95, p99, qps } = plain.search.plain;
    console.log(
      [
        `documents                 ${n(plain.docs)} drawn, ${n(plain.records)} plain records (copies left out), written in ${n(plain.recordsSeconds)} s`,
        `index plain               ${n(plain.index.plainSeconds)} s, ${n(plain.disk.indexMb)} MB`,
        `search plain p50/p95/p99  ${n(p50)} / ${n(p95)} / ${n(p99)} ms, ${n(qps)} q/s`,
      ].join('\n'),
    );
    await save(plain);
    if (!values.keep) await fs.rm(workDir, { recursive: true, force: true });
    return 0;
  }
  const result = await runBench({
    docs,
    workDir,
    root,
    skip: stages(values.skip),
    ...(from && { from }),
    ...(values.load && {
      load: {
        seconds: wholeNumberOption('load-seconds', values['load-seconds'], 10) ?? 60,
        clients: wholeNumberOption('load-clients', values['load-clients'], 1, 1000) ?? 16,
        warmUpSeconds: wholeNumberOption('load-warm-up', values['load-warm-up'], 0) ?? 60,
      },
    }),
    faults: values.faults,
    onStage: save,
    log: (line) => {
      console.error(`${new Date().toISOString()} ${line}`);
    },
  });
  console.log(table(result));
  await save(result);
  // A run that went on in an earlier run's folder did not make it: it is never deleted.
  if (!values.keep && !(from && from !== 'generate'))
    await fs.rm(workDir, { recursive: true, force: true });
  return 0;
});
