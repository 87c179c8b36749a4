import { describe, expect, it } from 'vitest';
import { freePort } from '../../../src/server/ports.ts';

describe('freePort', () => {
  it('never answers a port it was told to avoid (the portal’s own PORT, for Meilisearch)', async () => {
    const taken: number[] = [];
    for (let i = 0; i < 20; i++) taken.push(await freePort());
    for (let i = 0; i < 20; i++) expect(taken).not.toContain(await freePort(taken));
  });
});
