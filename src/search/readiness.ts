/**
 * Whether the portal can answer searches: Meilisearch is reachable and the
 * live index answers a search with the portal's own key. For load balancers
 * and monitoring (GET /readyz); the process being up is GET /healthz.
 */
import { ANONYMOUS } from '../access/clearance.ts';
import { guard } from '../meili/guard.ts';
import { getPortal } from './portal.ts';

export interface Readiness {
  ready: boolean;
  checks: { meilisearch: string; index: string };
}

export async function readiness(): Promise<Readiness> {
  const checks = { meilisearch: 'not checked', index: 'not checked' };
  try {
    const { client, index } = await getPortal().backend(ANONYMOUS);
    await guard(() => client.health());
    checks.meilisearch = 'ok';
    await guard(() => client.index(index).search('', { limit: 0 }));
    checks.index = 'ok';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (checks.meilisearch === 'ok') checks.index = reason;
    else checks.meilisearch = reason;
  }
  return { ready: checks.meilisearch === 'ok' && checks.index === 'ok', checks };
}
