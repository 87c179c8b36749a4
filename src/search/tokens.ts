/**
 * Tenant tokens: the portal searches as the visitor's clearance, so that
 * Meilisearch itself filters results, facet counts and facet search. A token
 * names only the live index, carries the visible levels as its filter and
 * expires; one per clearance is kept and renewed before it runs out.
 */
import { generateTenantToken } from 'meilisearch/token';
import type { Clearance } from '../access/clearance.ts';
import { clearanceFilter } from '../meili/filters.ts';
import type { SearchKey } from '../meili/keys.ts';

/** How long a token lives, and how much of that must remain for it to be reused. */
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export function tenantToken(
  key: SearchKey,
  index: string,
  clearance: Clearance,
  expiresAt: Date,
): Promise<string> {
  return generateTenantToken({
    apiKey: key.key,
    apiKeyUid: key.uid,
    // Name the index and its filter explicitly: the default covers every index, unfiltered.
    searchRules: { [index]: { filter: clearanceFilter(clearance) } },
    expiresAt,
    algorithm: 'HS256',
  });
}

/** Hands out a valid token per clearance, signing a new one when the old one nears expiry. */
export class TenantTokens {
  readonly #cache = new Map<Clearance, { token: Promise<string>; expires: number }>();
  readonly #key: SearchKey;
  readonly #index: string;

  constructor(key: SearchKey, index: string) {
    this.#key = key;
    this.#index = index;
  }

  get(clearance: Clearance, now = Date.now()): Promise<string> {
    const cached = this.#cache.get(clearance);
    if (cached && cached.expires - now > RENEW_BEFORE_MS) return cached.token;
    const expires = now + TOKEN_LIFETIME_MS;
    const token = tenantToken(this.#key, this.#index, clearance, new Date(expires));
    this.#cache.set(clearance, { token, expires });
    return token;
  }
}
