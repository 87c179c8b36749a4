import { describe, expect, it } from 'vitest';
import { SYNONYMS } from '../../../src/meili/synonyms.ts';
import { SIGNED_TYPES } from '../../../src/schema/types.ts';

describe('search synonyms', () => {
  it('lead from every kind’s sign to its name and back, from the one table of kinds', () => {
    for (const { sign, vi } of SIGNED_TYPES) {
      expect(SYNONYMS[sign.toLowerCase()], sign).toContain(vi.toLowerCase());
      expect(SYNONYMS[vi.toLowerCase()], vi).toContain(sign.toLowerCase());
    }
    // Typed without diacritics, both ways.
    expect(SYNONYMS['qd']).toEqual(['quyết định']);
    expect(SYNONYMS['quyet dinh']).toEqual(['qđ', 'qd']);
    expect(SYNONYMS['quy định']).toEqual(['qđi', 'qdi']);
  });

  it('keep the issuers’ abbreviations', () => {
    expect(SYNONYMS['ubnd']).toEqual(['ủy ban nhân dân']);
    expect(SYNONYMS['uy ban nhan dan']).toEqual(['ubnd']);
    expect(SYNONYMS['bct']).toEqual(['bộ chính trị']);
  });
});
