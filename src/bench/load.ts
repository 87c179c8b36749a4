/**
 * `npm run bench -- --load`: many visitors at once for a minute (16 clients ×
 * 60 s by default, autocannon): searches from the benchmark's query mix,
 * document pages, browse pages and logins, in the proportions a reading room
 * makes. Reports requests/s, latency, every status code, connection errors,
 * and the portal's memory over the first and the last 10 s. Targets: no 5xx,
 * memory growth under 10 %.
 *
 * The same load runs first for a warm-up (60 s by default), not measured: a
 * server fresh from its cold start grows its heap to the load and compiles
 * each page's code on its first requests. Measured at 100k with 16 clients
 * (2026-11-30): resident memory 160 MB cold, ~470 MB after 30 s, ~490 after
 * 2 min, then flat at ~505 MB from the 6th to the 10th minute, while the live
 * heap after each collection stayed at 55–75 MB (V8 keeps ~340 MB of heap for
 * the garbage of ~120 searches a second). Growth from the cold start is that
 * settling, not the growth a leak would show. Memory is sampled every second
 * from the warm-up's start, and every sample is reported.
 */
import autocannon from 'autocannon';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { exited, procMemoryMb, round } from './measure.ts';
import { queryMix } from './queries.ts';
import { startServer } from './server.ts';

export interface LoadBench {
  clients: number;
  seconds: number;
  requestsPerSec: number;
  /** autocannon's percentiles (it has no 95th). */
  latency: { p50: number; p90: number; p97_5: number; p99: number };
  /** Responses by status code, and by kind of request. */
  statuses: Record<string, number>;
  requests: Record<Kind, number>;
  errors: number;
  timeouts: number;
  /** The measured run's first and last 10 s, after `warmUpSeconds`. */
  memoryMb: {
    first10s: number;
    last10s: number;
    growthPercent: number;
    /** Right after the cold start, before the warm-up. */
    cold: number;
  };
  warmUpSeconds: number;
  /** Resident memory every second from the warm-up's start, MB. */
  memorySeries: number[];
}

type Kind = 'search' | 'document' | 'browse' | 'login';
// Out of 100 requests: what a reading room does, logins rare (each costs an argon2 hash).
const MIX: [Kind, number][] = [
  ['search', 60],
  ['document', 25],
  ['browse', 13],
  ['login', 2],
];
const BROWSE = ['/browse', '/browse/type', '/browse/year', '/browse/issuer', '/browse/subjects'];
const ACCOUNT = { name: 'bench-load', password: 'bench load password 2026' };

async function addAccount(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'users.ts'), 'add', ACCOUNT.name, '--clearance', 'internal'],
    { env, stdio: ['pipe', 'ignore', 'inherit'] },
  );
  child.stdin.end(ACCOUNT.password);
  const code = await exited(child);
  if (code !== 0) throw new Error(`npm run users exited with ${String(code)}`);
}

export async function measureLoad(
  paths: { root: string; content: string; env: NodeJS.ProcessEnv },
  {
    clients = 16,
    seconds = 60,
    warmUpSeconds = 60,
  }: { clients?: number; seconds?: number; warmUpSeconds?: number } = {},
): Promise<LoadBench> {
  await addAccount(paths.root, paths.env);
  const server = await startServer(paths.root, paths.env);
  try {
    const searches = await queryMix(paths.content);
    const first = await fetch(`${server.url}/api/search?q=&perPage=100`);
    const ids = ((await first.json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id);
    if (ids.length === 0) throw new Error('the archive has no public document to load');
    let counts: Record<Kind, number> = { search: 0, document: 0, browse: 0, login: 0 };
    const form = new URLSearchParams({ username: ACCOUNT.name, password: ACCOUNT.password });
    let n = 0;
    const kindOf = (i: number): Kind => {
      let slot = (i * 37) % 100;
      for (const [kind, share] of MIX) {
        if (slot < share) return kind;
        slot -= share;
      }
      return 'search';
    };
    const memory: { at: number; mb: number }[] = [];
    const pid = server.child.pid ?? 0;
    const cold = await procMemoryMb(pid, 'VmRSS');
    const started = performance.now();
    const sampler = setInterval(() => {
      void procMemoryMb(pid, 'VmRSS').then((mb) => {
        memory.push({ at: (performance.now() - started) / 1000, mb });
      });
    }, 1000);
    const load = (duration: number) =>
      autocannon({
        url: server.url,
        connections: clients,
        duration,
        requests: [
          {
            setupRequest: (request) => {
              const i = n++;
              const kind = kindOf(i);
              counts[kind]++;
              if (kind === 'login') {
                return {
                  ...request,
                  method: 'POST',
                  path: '/login',
                  body: form.toString(),
                  headers: {
                    'content-type': 'application/x-www-form-urlencoded',
                    origin: server.url,
                  },
                };
              }
              const target =
                kind === 'search'
                  ? `/api/search?${searches[i % searches.length] ?? 'q='}`
                  : kind === 'document'
                    ? `/documents/${ids[i % ids.length] ?? ''}`
                    : (BROWSE[i % BROWSE.length] ?? '/browse');
              return { ...request, method: 'GET', path: target, body: undefined, headers: {} };
            },
          },
        ],
      });
    if (warmUpSeconds > 0) await load(warmUpSeconds);
    counts = { search: 0, document: 0, browse: 0, login: 0 };
    const measuredFrom = (performance.now() - started) / 1000;
    const result = await load(seconds);
    clearInterval(sampler);
    const mean = (from: number, to: number) => {
      const window = memory.filter((m) => m.at >= from && m.at < to).map((m) => m.mb);
      return window.length === 0 ? 0 : round(window.reduce((a, b) => a + b, 0) / window.length, 0);
    };
    const first10s = mean(measuredFrom, measuredFrom + 10);
    const last10s = mean(measuredFrom + seconds - 10, measuredFrom + seconds + 1);
    const statuses = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
    );
    return {
      clients,
      seconds,
      requestsPerSec: round(result.requests.average, 0),
      latency: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
      },
      statuses,
      requests: counts,
      errors: result.errors,
      timeouts: result.timeouts,
      memoryMb: {
        first10s,
        last10s,
        growthPercent: first10s > 0 ? round(((last10s - first10s) / first10s) * 100, 1) : 0,
        cold,
      },
      warmUpSeconds,
      memorySeries: memory.map((m) => m.mb),
    };
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
}
