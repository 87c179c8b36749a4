/** Normalise: Unicode NFC everywhere (the body is then written from the tree by content/markdown.ts). */
import type { Root } from 'mdast';
import { forEachNode } from '../content/tree-walk.ts';

export function normaliseTree(tree: Root): Root {
  forEachNode(tree, (node) => {
    if ('value' in node && typeof node.value === 'string') node.value = node.value.normalize('NFC');
    if ('alt' in node && typeof node.alt === 'string') node.alt = node.alt.normalize('NFC');
    if ('title' in node && typeof node.title === 'string') node.title = node.title.normalize('NFC');
  });
  return tree;
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
