/**
 * Timing searches of the query mix, several kinds side by side (the portal,
 * raw Meilisearch, the plain anchor), interleaved so that a noisy moment on
 * this shared machine hits all alike; then each kind's throughput.
 */
import type { MeiliConnection } from '../meili/server.ts';
import { latency, throughput, type Latency } from './measure.ts';

const CLIENTS = 4;

export type Measured = Latency & { qps: number };
/** One kind of search: the i-th query of the mix, sent. */
export type SearchCall = (i: number) => Promise<Response>;

/** Milliseconds to a whole answer; anything but 2xx fails the run. */
export async function timed(call: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await call();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${String(response.status)} from ${response.url}`);
  return performance.now() - started;
}

/** A search sent straight to one of Meilisearch's indexes, as the engine's own client would. */
export function directSearch(meili: MeiliConnection, index: string, body: string) {
  return fetch(`${meili.url}/indexes/${index}/search`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${meili.masterKey}`,
      'Content-Type': 'application/json',
      // Node's fetch pays ~40 ms for a compressed answer.
      'Accept-Encoding': 'identity',
    },
    body,
    signal: AbortSignal.timeout(60_000),
  });
}

/**
 * Each kind over the whole mix: 30 searches of each to warm up, then every
 * query of the mix once per kind in turn (latency), then twice the mix with
 * four clients (queries a second).
 */
export async function measureSearches<Kinds extends Partial<Record<string, SearchCall>>>(
  kinds: Kinds,
  mixLength: number,
): Promise<{ [Kind in keyof Kinds]: Measured }> {
  type Kind = keyof Kinds & string;
  const entries = Object.entries(kinds).filter(
    (entry): entry is [Kind, SearchCall] => entry[1] !== undefined,
  );
  for (let i = 0; i < 30; i++) for (const [, call] of entries) await timed(() => call(i));
  const times = new Map<Kind, number[]>(entries.map(([kind]) => [kind, []]));
  for (let i = 0; i < mixLength; i++) {
    for (const [kind, call] of entries) times.get(kind)?.push(await timed(() => call(i)));
  }
  const measured = {} as { [Kind in keyof Kinds]: Measured };
  for (const [kind, call] of entries) {
    const qps = await throughput(mixLength * 2, CLIENTS, async (i) => {
      await timed(() => call(i));
    });
    measured[kind] = { ...latency(times.get(kind) ?? []), qps };
  }
  return measured;
}
