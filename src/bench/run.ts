/**
 * The benchmark: a synthetic archive of N documents, then ingest, re-ingest,
 * index (project vs raw Meilisearch), search (portal vs raw), document pages
 * and the server's cold start and memory, all in one run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readAllDocuments } from '../content/store.ts';
import { liveIndexName, createClient } from '../meili/client.ts';
import { waitOk } from '../meili/indexer.ts';
import { toRecord } from '../meili/records.ts';
import { startMeili, type MeiliConnection } from '../meili/server.ts';
import { INDEX_SETTINGS } from '../meili/settings.ts';
import { ensureIndexed } from '../meili/sync.ts';
import { generateArchive } from '../sample/generate.ts';
import { loadConfig } from '../config/env.ts';
import { parseSearchParams } from '../search/params.ts';
import { searchRequest } from '../search/request.ts';
import {
  diskMb,
  exited,
  latency,
  procMemoryMb,
  round,
  runChild,
  throughput,
  type Latency,
} from './measure.ts';
import {
  buildPlainIndex,
  plainIndexName,
  plainRecordsFile,
  plainRequest,
  writePlainRecords,
} from './plain.ts';
import { loadNdjson } from './ndjson.ts';
import { measureFirstSearch, type FirstSearch } from './edition.ts';
import { measureOcr, type OcrBench } from './ocr.ts';
import { queryMix } from './queries.ts';
import { freePort } from '../server/ports.ts';

export interface BenchResult {
  docs: number;
  ingest: { seconds: number; docsPerSec: number; peakRssMb: number };
  reingest: { seconds: number };
  index: { seconds: number; rawSeconds: number; plainSeconds: number; diskMb: number };
  search: {
    portal: Latency & { qps: number };
    raw: Latency & { qps: number };
    plain: Latency & { qps: number };
  };
  page: { p50: number; p95: number; coldStartSeconds: number; serverRssMb: number };
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
export const OPTIONAL_STAGES = ['raw', 'export', 'ocr'] as const;
export type OptionalStage = (typeof OPTIONAL_STAGES)[number];

export interface BenchOptions {
  docs: number;
  workDir: string;
  root: string;
  log: (line: string) => void;
  skip?: ReadonlySet<OptionalStage>;
  /** Called after each stage with what is measured so far: a long run keeps its figures if it dies. */
  onStage?: (partial: PartialBench) => Promise<void>;
}

/** A result being filled in: the stages done so far, and any left out. */
export type PartialBench = Partial<BenchResult> & { docs: number; skipped: OptionalStage[] };

const PREFIX = 'bench';
const CLIENTS = 4;
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
  await fs.rm(workDir, { recursive: true, force: true });
  log(`generating ${String(docs)} documents…`);
  await generateArchive({ outDir: input, docs });

  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    DATA_DIR: dataDir,
  };
  const ingestArgs = [
    path.join(root, 'scripts', 'ingest.ts'),
    input,
    '--content-dir',
    content,
    '--no-index',
  ];
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
  log('re-ingest…');
  const second = await runChild(process.execPath, ingestArgs, env);
  if (second.code !== 0) throw new Error(`re-ingest exited with ${String(second.code)}`);
  result.reingest = { seconds: second.seconds };
  await stageDone();

  const meili = await startMeili({ ...loadConfig({}), dataDir });
  try {
    log('index…');
    result.index = await measureIndex(meili, content, dataDir, workDir, skip.has('raw'));
    await stageDone();
    log('search and pages…');
    Object.assign(result, await measureServer(meili, { root, content, dataDir, env }));
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
    result.disk = {
      inputMb: await diskMb(input),
      documentsMb: await diskMb(path.join(content, 'documents')),
      originalsMb: await diskMb(path.join(content, 'originals')),
      derivativesMb: await diskMb(path.join(content, 'derivatives')),
      indexMb: result.index.diskMb,
    };
    await stageDone();
    return result;
  } finally {
    await meili.stop();
  }
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

async function measureIndex(
  meili: MeiliConnection,
  content: string,
  dataDir: string,
  workDir: string,
  skipRaw: boolean,
): Promise<BenchResult['index']> {
  const client = createClient(meili.url, meili.masterKey);
  const started = performance.now();
  await ensureIndexed({ client, prefix: PREFIX, contentDir: content, dataDir }, true);
  const seconds = round((performance.now() - started) / 1000, 2);
  const diskAfterIndex = await diskMb(dataDir);

  const rawSeconds = skipRaw ? 0 : await measureRaw(meili, client, content, workDir);
  // The plain anchor, kept for the search measurements.
  await writePlainRecords(content, plainRecordsFile(workDir));
  const plainSeconds = round(
    await buildPlainIndex(meili, client, PREFIX, plainRecordsFile(workDir)),
    2,
  );
  await fs.rm(plainRecordsFile(workDir));
  return { seconds, rawSeconds, plainSeconds, diskMb: diskAfterIndex };
}

/** The same records and settings, prepared beforehand and sent straight to Meilisearch. */
async function measureRaw(
  meili: MeiliConnection,
  client: ReturnType<typeof createClient>,
  content: string,
  workDir: string,
): Promise<number> {
  const records = path.join(workDir, 'records.ndjson');
  const out = await fs.open(records, 'w');
  for await (const doc of readAllDocuments(content, () => undefined))
    await out.write(`${JSON.stringify(toRecord(doc))}\n`);
  await out.close();
  const raw = `${PREFIX}-raw`;
  const started = performance.now();
  await waitOk(client.createIndex(raw, { primaryKey: 'id' }), 'create the raw index');
  await waitOk(client.index(raw).updateSettings(INDEX_SETTINGS), 'configure the raw index');
  await loadNdjson(meili, client, raw, records);
  const rawSeconds = round((performance.now() - started) / 1000, 2);
  await waitOk(client.deleteIndex(raw), 'delete the raw index');
  await fs.rm(records);
  return rawSeconds;
}

async function startServer(root: string, env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.ts')], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${String(port)}`;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the portal exited with ${String(child.exitCode)}`);
    const ok = await fetch(`${url}/api/search?q=&perPage=1`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, url, coldStartSeconds: round((performance.now() - started) / 1000, 2) };
}

async function timed(call: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await call();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${String(response.status)} from ${response.url}`);
  return performance.now() - started;
}

export async function measureServer(
  meili: MeiliConnection,
  paths: { root: string; content: string; dataDir: string; env: Record<string, string> },
) {
  const env = {
    ...paths.env,
    CONTENT_DIR: paths.content,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    INDEX_PREFIX: PREFIX,
  };
  // A first start builds the site if its sources changed; the second is the cold start measured.
  const warm = await startServer(paths.root, env);
  warm.child.kill('SIGTERM');
  await exited(warm.child);
  const server = await startServer(paths.root, env);
  try {
    const mix = await queryMix(paths.content);
    const portal = (i: number) => fetch(`${server.url}/api/search?${mix[i % mix.length] ?? ''}`);
    const rawBody = (i: number) =>
      JSON.stringify(
        searchRequest(parseSearchParams(new URLSearchParams(mix[i % mix.length])), 'public'),
      );
    const direct = (index: string, body: string) =>
      fetch(`${meili.url}/indexes/${index}/search`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${meili.masterKey}`,
          'Content-Type': 'application/json',
          'Accept-Encoding': 'identity',
        },
        body,
      });
    const raw = (i: number) => direct(liveIndexName(PREFIX), rawBody(i));
    const plain = (i: number) =>
      direct(plainIndexName(PREFIX), JSON.stringify(plainRequest(mix[i % mix.length] ?? 'q=')));
    const kinds = { portal, raw, plain };
    for (let i = 0; i < 30; i++)
      for (const call of Object.values(kinds)) await timed(() => call(i));
    // Interleaved, so that a noisy moment on this shared machine hits all three alike.
    const times = { portal: [] as number[], raw: [] as number[], plain: [] as number[] };
    for (let i = 0; i < mix.length; i++) {
      for (const [kind, call] of Object.entries(kinds)) {
        times[kind as keyof typeof times].push(await timed(() => call(i)));
      }
    }
    const qps = { portal: 0, raw: 0, plain: 0 };
    for (const [kind, call] of Object.entries(kinds)) {
      qps[kind as keyof typeof qps] = await throughput(mix.length * 2, CLIENTS, async (i) => {
        await timed(() => call(i));
      });
    }

    const ids: string[] = [];
    for (const page of [1, 2]) {
      const response = await fetch(`${server.url}/api/search?q=&perPage=100&page=${String(page)}`);
      ids.push(...((await response.json()) as { hits: { id: string }[] }).hits.map((h) => h.id));
    }
    const pageTimes: number[] = [];
    for (const id of ids) pageTimes.push(await timed(() => fetch(`${server.url}/documents/${id}`)));
    const pages = latency(pageTimes);
    return {
      search: {
        portal: { ...latency(times.portal), qps: qps.portal },
        raw: { ...latency(times.raw), qps: qps.raw },
        plain: { ...latency(times.plain), qps: qps.plain },
      },
      page: {
        p50: pages.p50,
        p95: pages.p95,
        coldStartSeconds: server.coldStartSeconds,
        serverRssMb:
          server.child.pid === undefined ? 0 : await procMemoryMb(server.child.pid, 'VmRSS'),
      },
    };
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
}
