import { describe, expect, it } from 'vitest';
import type { Nodes } from 'mdast';
import { parseMarkdown } from '../../../src/content/markdown.ts';
import { forEachNode, someNode } from '../../../src/content/tree-walk.ts';

const tree = parseMarkdown('# Điều 1\n\nMột _hai_ [ba](https://a.vn)\n\n- bốn\n- ![năm](x.png)\n');

describe('forEachNode', () => {
  it('visits the tree and every descendant once, parents first, in document order', () => {
    const seen: string[] = [];
    forEachNode(tree, (node) => {
      seen.push('value' in node ? `${node.type}:${node.value}` : node.type);
    });
    expect(seen).toEqual([
      'root',
      'heading',
      'text:Điều 1',
      'paragraph',
      'text:Một ',
      'emphasis',
      'text:hai',
      'text: ',
      'link',
      'text:ba',
      'list',
      'listItem',
      'paragraph',
      'text:bốn',
      'listItem',
      'paragraph',
      'image',
    ]);
  });
});

describe('someNode', () => {
  it('finds a deep node and stops at the first that passes', () => {
    const tested: Nodes['type'][] = [];
    const found = someNode(tree, (node) => {
      tested.push(node.type);
      return node.type === 'link';
    });
    expect(found).toBe(true);
    expect(tested.at(-1)).toBe('link');
    expect(tested).not.toContain('list');
  });

  it('answers false when no node passes, having tested them all', () => {
    let count = 0;
    expect(someNode(tree, () => (count++, false))).toBe(false);
    expect(count).toBe(17);
  });
});
