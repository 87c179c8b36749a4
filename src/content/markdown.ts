/** Markdown to mdast, the one way the project parses Markdown. */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const commonmark = unified().use(remarkParse);
const gfm = unified().use(remarkParse).use(remarkGfm);

// The GFM extensions double the cost of parsing; they only matter when the
// text has what they parse (tables, strikethrough, footnotes, task lists).
const GFM_SYNTAX = /\||~~|\[\^|^\s*[-*] \[[ xX]\]/m;

export function parseMarkdown(markdown: string): Root {
  return (GFM_SYNTAX.test(markdown) ? gfm : commonmark).parse(markdown);
}
