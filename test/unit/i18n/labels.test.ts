import { describe, expect, it } from 'vitest';
import { facetLabel } from '../../../src/i18n/index.ts';

describe('facetLabel', () => {
  it('names every detected language in Vietnamese, the listed ones from the strings file', () => {
    expect(facetLabel('language', 'vi')).toBe('Tiếng Việt');
    expect(facetLabel('language', 'fr')).toBe('Tiếng Pháp');
    expect(facetLabel('language', 'km')).toBe('Tiếng Khmer');
    expect(facetLabel('language', 'und')).toBe('Không xác định');
  });

  it('shows values it has no name for as they are', () => {
    expect(facetLabel('issuer', 'Bộ Chính trị')).toBe('Bộ Chính trị');
    expect(facetLabel('language', 'not a code')).toBe('not a code');
  });
});
