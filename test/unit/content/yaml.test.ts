import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/content/yaml.ts';

describe('parseYaml', () => {
  it('reads what `yaml` writes back to the same value, dates staying strings', () => {
    const meta = {
      id: 'nghi-quyet-57',
      title: 'Nghị quyết: "chuyển đổi số" — #1',
      number: '57-NQ/TW',
      issued: '2024-12-22',
      pages: 12,
      draft: false,
      summary: null,
      subjects: ['lưu trữ', 'yes', '0123', 'null'],
      relations: [{ type: 'cites', target: '05/CT-TTg' }],
    };
    expect(parseYaml(YAML.stringify(meta, { lineWidth: 0 }))).toEqual(meta);
  });

  it('answers null for an empty text and throws on a broken one', () => {
    expect(parseYaml('')).toBeNull();
    expect(parseYaml('\n# only a comment\n')).toBeNull();
    expect(() => parseYaml('title: [unclosed')).toThrow(/unexpected end|flow collection/);
    expect(() => parseYaml('a: 1\na: 2')).toThrow(/duplicated mapping key/);
    expect(() => parseYaml('a: 1\n---\nb: 2')).toThrow(/expected one YAML document, found 2/);
  });
});
