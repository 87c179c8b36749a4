/**
 * A rehype plugin: document numbers cited in running text ("Căn cứ Chỉ thị số
 * 40-CT/TW …") become links to the documents they resolve to. Only the numbers
 * given are linked, so a caller passes the citations the reader may follow:
 * a document they cannot see stays plain text, as it is written.
 */
import type { Element, ElementContent, Root } from 'hast';
import { NUMBER_PATTERN, numberKey } from '../schema/number.ts';

/** Number keys (schema/number.ts) to the path of the document each cites. */
export type NumberLinks = ReadonlyMap<string, string>;

// Text inside these is left as it is: a link in a link, or code, would be wrong.
const SKIP = new Set(['a', 'code', 'pre']);

export function rehypeNumberLinks(links: NumberLinks) {
  return (tree: Root) => {
    if (links.size > 0) linkWithin(tree, links);
  };
}

function linkWithin(parent: Root | Element, links: NumberLinks): void {
  let changed = false;
  const children: ElementContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'element' && !SKIP.has(child.tagName)) linkWithin(child, links);
    if (child.type !== 'text') {
      children.push(child as ElementContent);
      continue;
    }
    const pieces = splitAtNumbers(child.value, links);
    changed ||= pieces.length !== 1 || pieces[0]?.type !== 'text';
    children.push(...pieces);
  }
  if (changed) parent.children = children;
}

function splitAtNumbers(text: string, links: NumberLinks): ElementContent[] {
  const pieces: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    const href = links.get(numberKey(match[0]));
    if (href === undefined) continue;
    if (match.index > last) pieces.push({ type: 'text', value: text.slice(last, match.index) });
    pieces.push({
      type: 'element',
      tagName: 'a',
      properties: { href, className: ['cited'] },
      children: [{ type: 'text', value: match[0] }],
    });
    last = match.index + match[0].length;
  }
  if (last === 0) return [{ type: 'text', value: text }];
  if (last < text.length) pieces.push({ type: 'text', value: text.slice(last) });
  return pieces;
}
