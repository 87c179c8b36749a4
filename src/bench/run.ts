/**
 * The benchmark: a synthetic archive of N documents, then ingest, re-ingest,
 * index (project vs raw Meilisearch), search (portal vs raw), document pages
 * and the server's cold start and memory, all in one run.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { startMeili } from '../meili/server.ts';
import { generateArchive } from '../sample/generate.ts';
import { loadConfig } from '../config/env.ts';
import { diskMb, round, runChild } from './measure.ts';
import { measureFirstSearch, type FirstSearch } from './edition.ts';
import { BENCH_PREFIX, measureIndex, measurePlain, type IndexBench } from './index-build.ts';
import { hasPlainIndex } from './plain.ts';
import { createClient } from '../meili/client.ts';
import { ensureIndexed } from '../meili/sync.ts';
import { measureOcr, type OcrBench } from './ocr.ts';
import { measureServer, type ServerBench } from './server.ts';
import { measureLoad, type LoadBench } from './load.ts';
import { measureFaults, type FaultsBench } from './faults.ts';

export interface BenchResult {
  docs: number;
  ingest: { seconds: number; docsPerSec: number; peakRssMb: number };
  reingest: { seconds: number };
  index: IndexBench;
  search: ServerBench['search'];
  page: ServerBench['page'];
  export: {
    docs: number;
    seconds: number;
    peakRssMb: number;
    firstSearch: FirstSearch;
    /** The contract's names for firstSearch's bytes and requests. */
    firstSearchBytes: number;
    firstSearchRequests: number;
  };
  /** OCR of rendered scans of known text: throughput on this box and word error rates. */
  ocr: OcrBench;
  /** With --load: many visitors at once for a minute. */
  load: LoadBench;
  /** With --faults: the kill -9 campaign. */
  faults: FaultsBench;
  /** Disk used, in MB; the index's is Meilisearch's data folder right after the portal's index was built. */
  disk: {
    inputMb: number;
    documentsMb: number;
    originalsMb: number;
    derivativesMb: number;
    indexMb: number;
  };
}

/** Stages that a long run (300k, 1M) may leave out; each costs as much as an index build. */
export const OPTIONAL_STAGES = ['raw', 'plain', 'export', 'ocr'] as const;
export type OptionalStage = (typeof OPTIONAL_STAGES)[number];

/**
 * Where a run may start, on a work folder an earlier run left (`--keep`): a
 * million documents take a session to generate and another to ingest.
 */
// `search`: the index built by an earlier run is taken as it is (brought up to date only if the
// content changed), so that a million documents' search can be measured again without a rebuild.
export const START_STAGES = ['generate', 'ingest', 'reingest', 'index', 'search'] as const;
export type StartStage = (typeof START_STAGES)[number];

export interface BenchOptions {
  docs: number;
  workDir: string;
  root: string;
  log: (line: string) => void;
  skip?: ReadonlySet<OptionalStage>;
  /** The first stage to run (default `generate`); the earlier ones' output must be in `workDir`. */
  from?: StartStage;
  /** Called after each stage with what is measured so far: a long run keeps its figures if it dies. */
  onStage?: (partial: PartialBench) => Promise<void>;
  /** Runs the load campaign (clients × seconds) after the search stage. */
  load?: { clients: number; seconds: number; warmUpSeconds?: number };
  /** Runs the kill -9 campaign last. */
  faults?: boolean;
}

/** A result being filled in: the stages done so far, and any left out. */
export type PartialBench = Partial<BenchResult> & { docs: number; skipped: OptionalStage[] };

// A common phrase: many documents match, as a first search on an office's edition would.
const FIRST_SEARCH_QUERY = 'lưu trữ';

export async function runBench(options: BenchOptions): Promise<PartialBench> {
  const { docs, workDir, root, log } = options;
  const skip = options.skip ?? new Set<OptionalStage>();
  const result: PartialBench = { docs, skipped: OPTIONAL_STAGES.filter((s) => skip.has(s)) };
  const stageDone = async () => options.onStage?.(result);
  const input = path.join(workDir, 'input');
  const content = path.join(workDir, 'content');
  const dataDir = path.join(workDir, 'data');
  const from = START_STAGES.indexOf(options.from ?? 'generate');
  const runs = (stage: StartStage) => from <= START_STAGES.indexOf(stage);
  if (runs('generate')) {
    await fs.rm(workDir, { recursive: true, force: true });
    log(`generating ${String(docs)} documents…`);
    await generateArchive({ outDir: input, docs });
  } else {
    await mustExist(runs('ingest') ? [input] : [input, content], options.from ?? 'generate');
  }

  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    DATA_DIR: dataDir,
    // The portals the bench starts keep no fallback edition: building it (the export stage's
    // work, ~20 min and ~4 GB at 100k) would run beside every measurement after each start.
    FALLBACK_SEARCH: 'off',
  };
  const ingestArgs = [
    path.join(root, 'scripts', 'ingest.ts'),
    input,
    '--content-dir',
    content,
    '--no-index',
  ];
  if (runs('ingest')) {
    log('ingest…');
    const first = await runChild(process.execPath, ingestArgs, env);
    if (first.code !== 0)
      throw new Error(`ingest exited with ${String(first.code)}:\n${first.stderr.slice(-2000)}`);
    result.ingest = {
      seconds: first.seconds,
      docsPerSec: round(docs / first.seconds, 0),
      peakRssMb: first.peakRssMb,
    };
    await stageDone();
  }
  if (runs('reingest')) {
    log('re-ingest…');
    const second = await runChild(process.execPath, ingestArgs, env);
    if (second.code !== 0) throw new Error(`re-ingest exited with ${String(second.code)}`);
    result.reingest = { seconds: second.seconds };
    await stageDone();
  }

  const meili = await startMeili({ ...loadConfig({}), dataDir });
  try {
    if (runs('index')) {
      log('index…');
      result.index = await measureIndex(
        meili,
        { content, dataDir, workDir },
        { raw: skip.has('raw'), plain: skip.has('plain') },
      );
      if (result.index.resumedFrom > 0)
        log(`index: went on from ${String(result.index.resumedFrom)} documents of an earlier run`);
      await stageDone();
    } else {
      const client = createClient(meili.url, meili.masterKey);
      const current = await ensureIndexed({
        client,
        prefix: BENCH_PREFIX,
        contentDir: content,
        dataDir,
      });
      log(
        `index: ${current.rebuilt ? 'rebuilt, the content had changed' : 'current, taken as it is'}`,
      );
      if (!skip.has('plain') && !(await hasPlainIndex(client, BENCH_PREFIX))) {
        // A work folder whose first run left the anchor out: built now, for the searches.
        log('plain anchor: not in this work folder, built now…');
        log(`plain anchor: ${String(await measurePlain(meili, content, workDir))} s`);
      }
    }
    log('search and pages…');
    Object.assign(
      result,
      await measureServer(meili, { root, content, dataDir, env }, !skip.has('plain')),
    );
    await stageDone();
    if (!skip.has('export')) {
      log('export…');
      result.export = await measureExport(root, content, path.join(workDir, 'edition'), env, docs);
      await stageDone();
    }
    if (!skip.has('ocr')) {
      log('ocr…');
      result.ocr = await measureOcr();
      await stageDone();
    }
    if (options.load) {
      log(`load: ${String(options.load.clients)} clients × ${String(options.load.seconds)} s…`);
      result.load = await measureLoad(
        { root, content, env: serverEnv(env, content, meili) },
        options.load,
      );
      await stageDone();
    }
    result.disk = {
      inputMb: await diskMb(input),
      documentsMb: await diskMb(path.join(content, 'documents')),
      originalsMb: await diskMb(path.join(content, 'originals')),
      derivativesMb: await diskMb(path.join(content, 'derivatives')),
      indexMb: result.index?.diskMb ?? (await diskMb(path.join(dataDir, 'meili'))),
    };
    await stageDone();
  } finally {
    await meili.stop();
  }
  if (options.faults) {
    // After the bench's Meilisearch stopped: the portal starts and watches its own here.
    log('faults: kill -9 of Meilisearch, the portal, an ingest…');
    result.faults = await measureFaults({ root, input, content, dataDir, env });
    await stageDone();
  }
  return result;
}

/** What a portal of the benchmark needs: the archive, and the bench's own Meilisearch and index. */
function serverEnv(
  env: Record<string, string>,
  content: string,
  meili: { url: string; masterKey: string },
): NodeJS.ProcessEnv {
  return {
    ...env,
    CONTENT_DIR: content,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    INDEX_PREFIX: BENCH_PREFIX,
  };
}

/** The static edition of the public part; peak memory is the exporter's (Pagefind runs beside it). */
async function measureExport(
  root: string,
  content: string,
  out: string,
  env: Record<string, string>,
  archiveSize: number,
): Promise<BenchResult['export']> {
  // The whole public part, however large: the edition's limit is for editions people use.
  const args = [
    path.join(root, 'scripts', 'export.ts'),
    '--out',
    out,
    '--content-dir',
    content,
    '--max-documents',
    String(archiveSize),
  ];
  const run = await runChild(process.execPath, args, env);
  const docs = /Exported (\d+) public documents/.exec(run.stdout)?.[1];
  if (run.code !== 0 || docs === undefined) {
    throw new Error(`export exited with ${String(run.code)}:\n${run.stderr.slice(-2000)}`);
  }
  // Peak memory includes Pagefind's (a child process), which builds each index in memory.
  const firstSearch = await measureFirstSearch(out, FIRST_SEARCH_QUERY);
  return {
    docs: Number(docs),
    seconds: run.seconds,
    peakRssMb: run.peakRssMb,
    firstSearch,
    firstSearchBytes: firstSearch.bytes,
    firstSearchRequests: firstSearch.requests,
  };
}

/** A run that starts late needs what the earlier stages made. */
async function mustExist(folders: string[], from: StartStage): Promise<void> {
  for (const folder of folders) {
    const found = await fs.stat(folder).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (!found)
      throw new Error(
        `--from ${from}: ${folder} is missing; an earlier run with --keep leaves it in the work folder`,
      );
  }
}
