/** Markdown to mdast and back, the one way the project parses and writes Markdown. */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified } from 'unified';
import { someNode } from './tree-walk.ts';

const commonmark = unified().use(remarkParse);
const gfm = unified().use(remarkParse).use(remarkGfm);

// The GFM extensions double the cost of parsing; they only matter when the
// text has what they parse (tables, strikethrough, footnotes, task lists).
const GFM_SYNTAX = /\||~~|\[\^|^\s*[-*] \[[ xX]\]/m;

export function parseMarkdown(markdown: string): Root {
  return (GFM_SYNTAX.test(markdown) ? gfm : commonmark).parse(markdown);
}

const STYLE: StringifyOptions = { bullet: '-', emphasis: '_', rule: '-' };
const commonmarkWriter = unified().use(remarkStringify, STYLE);
const gfmWriter = unified().use(remarkGfm).use(remarkStringify, STYLE);
const GFM_NODES = new Set(['table', 'delete', 'footnoteDefinition', 'footnoteReference']);

function hasGfmNodes(tree: Root): boolean {
  return someNode(
    tree,
    (node) =>
      GFM_NODES.has(node.type) || (node.type === 'listItem' && typeof node.checked === 'boolean'),
  );
}

/**
 * The tree as Markdown. GFM's escaping costs half of writing; it is used when the
 * tree has GFM nodes, or when the plain output has text that `parseMarkdown`
 * would read with GFM (a "~~" or "|" in a sentence), so a document reads back as written.
 */
export function stringifyMarkdown(tree: Root): string {
  if (!hasGfmNodes(tree)) {
    const markdown = commonmarkWriter.stringify(tree);
    if (!GFM_SYNTAX.test(markdown)) return markdown;
  }
  return gfmWriter.stringify(tree);
}
