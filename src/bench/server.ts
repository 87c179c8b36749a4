/**
 * Search and document pages through a running portal, beside the same queries
 * sent straight to its index (raw) and to the plain anchor, interleaved so that
 * a noisy moment on this shared machine hits all alike; and the cold start.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { liveIndexName } from '../meili/client.ts';
import type { MeiliConnection } from '../meili/server.ts';
import { parseSearchParams } from '../search/params.ts';
import { searchRequest } from '../search/request.ts';
import { freePort } from '../server/ports.ts';
import { exited, latency, procMemoryMb, round } from './measure.ts';
import { directSearch, measureSearches, timed, type Measured } from './searches.ts';
import { BENCH_PREFIX } from './index-build.ts';
import { plainSearch } from './plain.ts';
import { queryMix } from './queries.ts';

/** Starts `npm start`'s script and waits until it answers a search; how long that took is its cold start. */
export async function startServer(root: string, env: NodeJS.ProcessEnv) {
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

export interface ServerBench {
  /** `plain` only when the plain anchor was built. */
  search: { portal: Measured; raw: Measured; plain?: Measured };
  page: { p50: number; p95: number; coldStartSeconds: number; serverRssMb: number };
}

export async function measureServer(
  meili: MeiliConnection,
  paths: { root: string; content: string; dataDir: string; env: Record<string, string> },
  withPlain: boolean,
): Promise<ServerBench> {
  const env = {
    ...paths.env,
    CONTENT_DIR: paths.content,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    INDEX_PREFIX: BENCH_PREFIX,
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
    const raw = (i: number) => directSearch(meili, liveIndexName(BENCH_PREFIX), rawBody(i));
    const plain = plainSearch(meili, BENCH_PREFIX, mix);
    // Every query of the mix once straight to the engine, untimed: at a million documents the
    // index (13 GB) is not in the page cache after a rebuild, and a first portal search would
    // outlast the portal's Meilisearch time limit (MEILI_TIMEOUT_MS) and answer 503.
    for (let i = 0; i < mix.length; i++) await timed(() => raw(i));
    const measured = await measureSearches(
      { portal, raw, ...(withPlain && { plain }) },
      mix.length,
    );

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
        portal: measured.portal,
        raw: measured.raw,
        ...(measured.plain && { plain: measured.plain }),
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
