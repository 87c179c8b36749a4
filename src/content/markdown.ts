/** Markdown to mdast and back, the one way the project parses and writes Markdown. */
import type { Root, Text } from 'mdast';
import { defaultHandlers, type Handle, type Unsafe } from 'mdast-util-to-markdown';
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

/**
 * Text is written as mdast-util-to-markdown writes it, but tested only against
 * the escaping rules whose character it contains. The writer tries each of its
 * ~45 rules (~60 with GFM) on every text node, one regular expression each,
 * which made writing text a tenth of the CPU of processing the benchmark's
 * files. A rule can only escape its own character, so skipping the rules of
 * characters a text lacks changes nothing in the output.
 */
const text: Handle = (node: Text, parent, state, info) => {
  const all = state.unsafe;
  state.unsafe = all.filter((rule: Unsafe) => node.value.includes(rule.character));
  try {
    return defaultHandlers.text(node, parent, state, info);
  } finally {
    state.unsafe = all;
  }
};

const STYLE: StringifyOptions = { bullet: '-', emphasis: '_', rule: '-', handlers: { text } };
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
