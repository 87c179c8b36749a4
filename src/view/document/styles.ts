/**
 * The stylesheets as files, for the offline edition to ship: the portal's
 * pages import the same files through Vite (layouts/Base.astro, the document
 * page), so an edition's page looks as the portal's does, fonts included.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_CSS, vietnameseFacesLast } from '../fonts.ts';

const SITE_CSS = new URL('../site.css', import.meta.url);
const DOCUMENT_CSS = new URL('./document.css', import.meta.url);

/**
 * Writes `style.css` (fonts, frame, document page, then `extra`) into `assets`,
 * with the font files it names beside it in `assets/files/`.
 */
export async function writeEditionStyles(assets: string, extra: string): Promise<void> {
  const parts: string[] = [];
  const fonts = new Set<string>();
  for (const name of FONT_CSS) {
    const file = fileURLToPath(import.meta.resolve(name));
    const css = await fs.readFile(file, 'utf8');
    // Fontsource's generated faces name their files as url(./files/<name>).
    for (const match of css.matchAll(/url\(\.\/files\/([\w.-]+)\)/g)) {
      if (match[1]) fonts.add(path.join(path.dirname(file), 'files', match[1]));
    }
    parts.push(vietnameseFacesLast(css));
  }
  for (const file of [SITE_CSS, DOCUMENT_CSS]) parts.push(await fs.readFile(file, 'utf8'));
  parts.push(extra);
  await fs.mkdir(path.join(assets, 'files'), { recursive: true });
  for (const font of fonts)
    await fs.copyFile(font, path.join(assets, 'files', path.basename(font)));
  await fs.writeFile(path.join(assets, 'style.css'), parts.join('\n'));
}
