/** GET /readyz: 200 when Meilisearch is reachable and the index answers, else 503 with what failed. */
import type { APIRoute } from 'astro';
import { json } from '../http/responses.ts';
import { readiness } from '../search/readiness.ts';

export const GET: APIRoute = async () => {
  const { ready, checks } = await readiness();
  return json(
    { status: ready ? 'ready' : 'unavailable', checks },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
};
