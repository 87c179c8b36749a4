import { describe, expect, it } from 'vitest';
import { TenantTokens, TOKEN_LIFETIME_MS } from '../../../src/search/tokens.ts';

const KEY = { key: 'a'.repeat(64), uid: '0f5a9a52-8a7c-4c36-9f2e-6f1d1f7c2b11' };

function decode(token: string): { header: unknown; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  const json = (part: string | undefined) =>
    JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(header), payload: json(payload) };
}

describe('tenant tokens', () => {
  it('name one index, filter on the visible levels and expire', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const token = await new TenantTokens(KEY, 'vankho-documents').get('confidential', now);
    const { header, payload } = decode(token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      apiKeyUid: KEY.uid,
      searchRules: {
        'vankho-documents': {
          filter: 'classification IN ["public", "internal", "confidential"]',
        },
      },
      exp: Math.floor((now + TOKEN_LIFETIME_MS) / 1000),
    });
  });

  it('are reused while fresh and renewed before they expire', async () => {
    const tokens = new TenantTokens(KEY, 'vankho-documents');
    const now = Date.UTC(2026, 10, 25, 12);
    const first = await tokens.get('public', now);
    expect(await tokens.get('public', now + 1000)).toBe(first);
    const later = await tokens.get('public', now + TOKEN_LIFETIME_MS - 60_000);
    expect(later).not.toBe(first);
    expect(decode(later).payload['searchRules']).toEqual({
      'vankho-documents': { filter: 'classification IN ["public"]' },
    });
  });
});
