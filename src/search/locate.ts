/**
 * Where a query stands in a long document whose match lies beyond the text its
 * index record carries: the document is read from the content folder and its
 * parts are scanned for the query's words, and only the part that has them is
 * parsed into sections. Rare (documents over TEXT_CHARS), and bounded: one
 * read per such hit on the page shown.
 */
import { splitParts } from '../content/parts.ts';
import { sections } from '../content/render.ts';
import { readDocument } from '../content/store.ts';
import type { Location } from './hits.ts';
import { mentions, snippetOf } from './snippet.ts';

export async function locateInContent(
  contentDir: string,
  id: string,
  query: string,
): Promise<Location | undefined> {
  const document = await readDocument(contentDir, id);
  if (!document) return undefined;
  const parts = splitParts(document.body);
  for (const [part, text] of parts.entries()) {
    if (!mentions(text, query)) continue;
    for (const section of sections(text, part === 0 ? document.meta.title : undefined)) {
      const found = snippetOf(section.text, query);
      if (found.offset !== undefined || mentions(section.heading, query)) {
        return { part, anchor: section.anchor, snippet: found.text };
      }
    }
  }
  return undefined;
}
