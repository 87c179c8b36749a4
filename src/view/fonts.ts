/**
 * The portal's typeface, Noto Sans from Fontsource, and the order of its faces.
 *
 * Fontsource declares the Vietnamese faces before the latin-ext ones, and both
 * ranges hold the Vietnamese letters outside Latin-1 (ă đ ĩ ũ ơ ư, ỳ ỵ ỷ ỹ, ₫).
 * A browser takes such a letter from the face declared last, so every
 * Vietnamese page downloaded latin-ext (56 KB a weight, most of its glyphs
 * never shown) beside the Vietnamese face (6 KB). Moved after the others, the
 * Vietnamese faces serve those letters and latin-ext loads only for what only
 * it has. The portal's pages (through the Vite plugin below) and the offline
 * edition (view/document/styles.ts) both take the faces from here.
 */
import postcss from 'postcss';

/** The Fontsource stylesheets, one a weight (layouts/Base.astro imports the same). */
export const FONT_CSS = ['@fontsource/noto-sans/400.css', '@fontsource/noto-sans/700.css'];

const FONT_CSS_ID = /@fontsource\/noto-sans\/\d+\.css$/;

/** The stylesheet with its Vietnamese @font-face rules (and their comments) moved to its end. */
export function vietnameseFacesLast(css: string): string {
  const root = postcss.parse(css);
  const moved: postcss.ChildNode[] = [];
  root.walkAtRules('font-face', (rule) => {
    const src = rule.nodes?.find((node) => node.type === 'decl' && node.prop === 'src');
    if (src?.type !== 'decl' || !src.value.includes('-vietnamese-')) return;
    const comment = rule.prev();
    if (comment?.type === 'comment') moved.push(comment.remove());
    moved.push(rule.remove());
  });
  root.append(moved);
  return root.toString();
}

/** A Vite plugin that applies the order to Fontsource's stylesheets as they are imported. */
export function fontOrderPlugin() {
  return {
    name: 'vankho-font-order',
    // Before Vite's own CSS plugin turns the stylesheet into a module.
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      return FONT_CSS_ID.test(id.split('?')[0] ?? '') ? vietnameseFacesLast(code) : undefined;
    },
  };
}
