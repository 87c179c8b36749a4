/** A document body as safe HTML, with stable anchors on its headings, and its sections. */
import type { Element, Root as HastRoot } from 'hast';
import type { Root, RootContent } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { parseMarkdown } from './markdown.ts';
import { rehypeNumberLinks, type NumberLinks } from './number-links.ts';
import { slugify } from './slug.ts';

export interface Section {
  anchor: string;
  heading: string;
  depth: number;
  text: string;
}

/** Anchors in document order, made unique with -1, -2… the same way every time. */
function anchorMaker(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = slugify(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${String(count)}`;
  };
}

/** The text of a tree: blocks apart by a blank line, line breaks kept, HTML left out. */
export function plainText(tree: Root): string {
  return tree.children.map(inlineText).join('\n\n');
}

function inlineText(node: Root | RootContent): string {
  if (node.type === 'break') return '\n';
  if (node.type === 'html') return '';
  if ('value' in node) return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(inlineText).join('');
  return '';
}

export function markdownToText(markdown: string): string {
  return plainText(parseMarkdown(markdown));
}

/** The body split at its headings; text before the first heading has anchor "". */
/**
 * The body as a page shows it: a first-level heading that repeats the title
 * is left out, since the page itself heads with the title.
 */
function bodyTree(markdown: string, title: string | undefined): Root {
  const tree = parseMarkdown(markdown);
  const first = tree.children[0];
  if (
    title !== undefined &&
    first?.type === 'heading' &&
    first.depth === 1 &&
    inlineText(first).trim() === title.trim()
  ) {
    tree.children = tree.children.slice(1);
  }
  return tree;
}

export function sections(markdown: string, title?: string): Section[] {
  const tree = bodyTree(markdown, title);
  const anchor = anchorMaker();
  const result: Section[] = [];
  let current: Section = { anchor: '', heading: '', depth: 0, text: '' };
  const push = () => {
    current.text = current.text.trim();
    if (current.heading || current.text) result.push(current);
  };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      push();
      const heading = inlineText(node);
      current = { anchor: anchor(heading), heading, depth: node.depth, text: '' };
    } else {
      current.text += `${inlineText(node)}\n`;
    }
  }
  push();
  return result;
}

/** Sets the same anchors as `sections()` on the rendered headings. */
function rehypeHeadingIds() {
  return (tree: HastRoot) => {
    const anchor = anchorMaker();
    for (const node of tree.children) {
      if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
        node.properties['id'] = anchor(textOf(node));
      }
    }
  };
}

function textOf(node: Element): string {
  return node.children
    .map((child) => {
      if (child.type === 'text') return child.value;
      if (child.type === 'element') return textOf(child);
      return '';
    })
    .join('');
}

/** One renderer per set of links: the links are the plugin's settings. */
function renderer(links: NumberLinks) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypeSanitize)
    .use(rehypeHeadingIds)
    .use(rehypeNumberLinks, links)
    .use(rehypeStringify);
}
const plain = renderer(new Map());

/** The body as HTML; the numbers in `links` (cited documents the reader may see) become links. */
export function renderHtml(markdown: string, title?: string, links?: NumberLinks): string {
  const processor = links && links.size > 0 ? renderer(links) : plain;
  return processor.stringify(processor.runSync(bodyTree(markdown, title)));
}
