import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { FONT_CSS, fontOrderPlugin, vietnameseFacesLast } from '../../../src/view/fonts.ts';

/** Each @font-face's file and range, in the order the stylesheet declares them. */
function faces(css: string) {
  const found: { file: string; range: string }[] = [];
  postcss.parse(css).walkAtRules('font-face', (rule) => {
    const value = (prop: string) =>
      rule.nodes?.find((n) => n.type === 'decl' && n.prop === prop)?.toString() ?? '';
    found.push({
      file: /files\/([\w-]+)\.woff2/.exec(value('src'))?.[1] ?? '',
      range: value('unicode-range'),
    });
  });
  return found;
}

describe('the order of the font faces', () => {
  it.each(FONT_CSS)(
    'declares %s’s Vietnamese face last, every face kept as it was',
    async (name) => {
      const css = await fs.readFile(fileURLToPath(import.meta.resolve(name)), 'utf8');
      const before = faces(css);
      const after = faces(vietnameseFacesLast(css));
      // Fontsource's own order puts latin-ext (which shares the Vietnamese letters) after it.
      const index = (list: typeof before, subset: string) =>
        list.findIndex((face) => face.file.includes(`-${subset}-`));
      expect(index(before, 'vietnamese')).toBeLessThan(index(before, 'latin-ext'));
      expect(after.at(-1)?.file).toMatch(/-vietnamese-\d+-normal$/);
      expect(after.at(-1)?.range).toContain('U+1EA0-1EF9');
      expect([...after].sort((a, b) => a.file.localeCompare(b.file))).toEqual(
        [...before].sort((a, b) => a.file.localeCompare(b.file)),
      );
    },
  );

  it('is applied by the Vite plugin to Fontsource’s stylesheets only', () => {
    const plugin = fontOrderPlugin();
    const css = `/* v */\n@font-face { src: url(./files/x-vietnamese-400-normal.woff2); }\n/* l */\n@font-face { src: url(./files/x-latin-400-normal.woff2); }\n`;
    const out = plugin.transform(css, '/n/node_modules/@fontsource/noto-sans/400.css?used');
    expect(faces(out ?? '').map((f) => f.file)).toEqual([
      'x-latin-400-normal',
      'x-vietnamese-400-normal',
    ]);
    expect(out).toMatch(/\/\* l \*\/[^]*\/\* v \*\//);
    expect(plugin.transform(css, '/work/src/view/site.css')).toBeUndefined();
  });
});
