/**
 * HTML: the main content without navigation chrome, sanitised (no script,
 * event handler, `javascript:` URL or remote image survives), as Markdown.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import { unified } from 'unified';
import type { Metadata } from '../../schema/document.ts';
import { decodeBytes } from './decode.ts';
import { RejectedFileError, type Extracted, type Extractor } from './types.ts';

const CHROME = new Set([
  'nav',
  'script',
  'style',
  'noscript',
  'form',
  'iframe',
  'template',
  'svg',
  'button',
  'select',
]);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary']);
/** Page regions that are chrome on a web site but content in a document (a preamble in a <header>). */
const MAYBE_CHROME = new Set(['header', 'footer', 'aside']);
/** Titles that say nothing about the document. */
const GENERIC_TITLE =
  /^(untitled|document|home|index|trang chủ|văn bản|page|new page|microsoft word.*|untitled document)?$/iu;

const parser = unified().use(rehypeParse);
const toMdast = unified()
  .use(rehypeSanitize, {
    ...defaultSchema,
    // Keep heading ids out: anchors are made again from the headings.
    clobber: [],
    attributes: { ...defaultSchema.attributes, '*': ['lang', 'title'] },
  })
  .use(rehypeRemark);

function textOf(node: Element | HastRoot): string {
  return node.children
    .map((child) => {
      if (child.type === 'text') return child.value;
      if (child.type === 'element') return textOf(child);
      return '';
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function find(node: HastRoot | Element, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

function findAll(node: HastRoot | Element, test: (element: Element) => boolean): Element[] {
  return node.children.flatMap((child) => {
    if (child.type !== 'element') return [];
    return test(child) ? [child] : findAll(child, test);
  });
}

function linkText(node: Element): number {
  return node.children.reduce((sum, child) => {
    if (child.type !== 'element') return sum;
    return sum + (child.tagName === 'a' ? textOf(child).length : linkText(child));
  }, 0);
}

function isChrome(element: Element): boolean {
  const role = element.properties['role'];
  if (CHROME.has(element.tagName) || (typeof role === 'string' && CHROME_ROLES.has(role))) {
    return true;
  }
  if (!MAYBE_CHROME.has(element.tagName)) return false;
  // A banner or footer is short or mostly links; a preamble is neither.
  const text = textOf(element).length;
  return text < 200 || linkText(element) > text / 2;
}

function isRemote(url: unknown): boolean {
  return typeof url === 'string' && /^(https?:)?\/\//i.test(url.trim());
}

/** Drops chrome and remote images, recursively. */
function prune<T extends ElementContent | RootContent>(children: T[]): T[] {
  return children.flatMap((child) => {
    if (child.type === 'comment') return [];
    if (child.type !== 'element') return [child];
    if (isChrome(child)) return [];
    if (
      child.tagName === 'img' &&
      (isRemote(child.properties['src']) || isRemote(child.properties['srcSet']))
    ) {
      const alt = child.properties['alt'];
      return typeof alt === 'string' && alt ? [{ type: 'text', value: alt } as T] : [];
    }
    child.children = prune(child.children);
    return [child];
  });
}

/** The charset a page declares in its first bytes, if any. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}

export interface HtmlContent {
  tree: Root;
  title: string | undefined;
  language: string | undefined;
}

export async function htmlToTree(html: string): Promise<HtmlContent> {
  const hast = parser.parse(html);
  const titleElement = find(hast, (e) => e.tagName === 'title');
  const headings = findAll(hast, (e) => e.tagName === 'h1');
  const pageTitle = titleElement ? textOf(titleElement) : '';
  // A page's <title> often names the site ("Văn phòng Chính phủ", "Home"); a
  // single <h1> names the document. Several <h1>s say nothing, then <title> it is.
  const heading = headings.length === 1 && headings[0] ? textOf(headings[0]) : '';
  const title = heading || (GENERIC_TITLE.test(pageTitle) ? '' : pageTitle);
  const htmlElement = find(hast, (e) => e.tagName === 'html');
  const lang = htmlElement?.properties['lang'];
  // One <article> is the page's content; several (the articles of a law) are all of it.
  const articles = findAll(hast, (e) => e.tagName === 'article');
  const main =
    find(hast, (e) => e.tagName === 'main' || e.properties['role'] === 'main') ??
    (articles.length === 1 ? articles[0] : undefined) ??
    find(hast, (e) => e.tagName === 'body') ??
    hast;
  // The parsed page is this call's own, so pruning may change it in place.
  const content: HastRoot = { type: 'root', children: prune(main.children) };
  const tree = await toMdast.run(content);
  return {
    tree,
    title: title || undefined,
    language: typeof lang === 'string' && lang ? lang : undefined,
  };
}

export const extractHtml: Extractor = async (bytes) => {
  const { text } = decodeBytes(bytes, declaredCharset(bytes));
  const { tree, title, language } = await htmlToTree(text);
  if (tree.children.length === 0) throw new RejectedFileError('HTML page without any content');
  const found: Metadata = {};
  if (title) found.title = title;
  if (language) found.language = language;
  return { format: 'html', tree, found } satisfies Extracted;
};
