/** Normalise: Unicode NFC everywhere, and the body as clean Markdown made from the tree. */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

// GFM for the tables that HTML and DOCX bring.
const stringifier = unified()
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-' });

export function normaliseTree(tree: Root): Root {
  visit(tree, (node) => {
    if ('value' in node && typeof node.value === 'string') node.value = node.value.normalize('NFC');
    if ('alt' in node && typeof node.alt === 'string') node.alt = node.alt.normalize('NFC');
    if ('title' in node && typeof node.title === 'string') node.title = node.title.normalize('NFC');
  });
  return tree;
}

export function toMarkdown(tree: Root): string {
  return stringifier.stringify(tree);
}

/** NFC for every string in a metadata value. */
export function normaliseValue<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normaliseValue) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key.normalize('NFC'), normaliseValue(item)]),
    ) as T;
  }
  return value;
}
