/**
 * The static edition's pages, built as hast trees and serialised once: the
 * document page, the home page and the search page. Every link is relative,
 * so the edition works from any folder of any static file server.
 */
import { ANONYMOUS, visibleSources } from '../access/clearance.ts';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { facetLabel, t } from '../i18n/index.ts';
import type { ArchiveDocument, RelationType } from '../schema/document.ts';
import { yearOf } from '../schema/document.ts';
import type { EditionSelection } from './selection.ts';

export interface StaticLink {
  type: RelationType;
  /** The target as written (outgoing) or the linked document's title. */
  label: string;
  /** The linked public document, or undefined when it is not in the edition. */
  id: string | undefined;
}

export interface StaticDocument {
  meta: ArchiveDocument;
  /** Sanitised HTML of one part of the body, from the content module's renderer. */
  html: string;
  /** Which part (from 1) of how many: a long document is one page per part. */
  part: { number: number; count: number };
  outgoing: StaticLink[];
  incoming: StaticLink[];
  /** Files beside the page: the original, and the largest image rendition or a scan's pages. */
  original: string | undefined;
  renditions: { file: string; width: number; height: number }[];
}

function page(title: string, root: string, lang: string, main: Element[], head: Element[] = []) {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title === t('site.name') ? title : `${title} · ${t('site.name')}`),
          h('link', { rel: 'stylesheet', href: `${root}assets/style.css` }),
          ...head,
        ]),
        h('body', [
          h('header.site-header', [
            h('a.brand', { href: root }, t('site.name')),
            h('a', { href: `${root}search/` }, t('nav.search')),
          ]),
          h('main', main),
          h('footer.site-footer', t('export.footer')),
        ]),
      ]),
    ],
  };
  return toHtml(tree, { allowDangerousHtml: true });
}

/** The file of part `n` in the document's folder: `index.html` for the first. */
export function partFile(n: number): string {
  return n === 1 ? 'index.html' : `part-${String(n)}.html`;
}

function partNav({ number, count }: StaticDocument['part']): Element[] {
  if (count === 1) return [];
  return [
    h('nav.parts', { 'aria-label': t('doc.parts'), 'data-pagefind-ignore': '' }, [
      ...(number > 1
        ? [h('a', { href: partFile(number - 1), rel: 'prev' }, t('doc.part.previous')), ' ']
        : []),
      h('span', t('doc.part', { part: number, parts: count })),
      ...(number < count
        ? [' ', h('a', { href: partFile(number + 1), rel: 'next' }, t('doc.part.next'))]
        : []),
    ]),
  ];
}

/** `documents/<id>/index.html` (and `part-<n>.html`): what Pagefind indexes and what a reader opens. */
export function documentPage(doc: StaticDocument): string {
  const { meta } = doc;
  const root = '../../';
  const row = (label: string, value: string | undefined, filter?: string) =>
    value ? [h('dt', label), h('dd', filter ? { 'data-pagefind-filter': filter } : {}, value)] : [];
  const year = yearOf(meta);
  const links = (title: string, list: StaticLink[]) =>
    list.length === 0
      ? []
      : [
          h('section.relations', [
            h('h2', title),
            h(
              'ul',
              list.map((link) =>
                h('li', [
                  `${t(`relation.${link.type}`)}: `,
                  link.id
                    ? h('a', { href: `${root}documents/${link.id}/` }, link.label)
                    : link.label,
                ]),
              ),
            ),
          ]),
        ];
  const article = h('article', { 'data-pagefind-body': '' }, [
    h('h1', { 'data-pagefind-meta': 'title' }, meta.title),
    h('dl.metadata', [
      ...row(t('doc.number'), meta.number),
      ...row(t('doc.type'), facetLabel('type', meta.type), 'type'),
      ...row(t('doc.issuer'), meta.issuer, 'issuer'),
      ...row(t('doc.issued'), meta.issued),
      ...row(t('facet.year'), year === undefined ? undefined : String(year), 'year'),
      ...row(t('doc.status'), facetLabel('status', meta.status)),
      ...row(t('doc.language'), facetLabel('language', meta.language), 'language'),
      ...row(t('doc.subjects'), meta.subjects.join('; ') || undefined),
    ]),
    ...(meta.summary ? [h('p.summary', meta.summary)] : []),
    ...doc.renditions.map((rendition, i) =>
      h('figure', [
        h('img', {
          src: rendition.file,
          width: rendition.width,
          height: rendition.height,
          loading: i > 0 ? 'lazy' : 'eager',
          alt:
            doc.renditions.length > 1 || meta.ocr
              ? t('doc.scan.page', { page: i + 1, title: meta.title })
              : meta.title,
        }),
      ]),
    ),
    ...partNav(doc.part),
    h('div.body', [{ type: 'raw', value: doc.html }]),
    ...links(t('doc.outgoing'), doc.outgoing),
    ...links(t('doc.incoming'), doc.incoming),
  ]);
  const provenance = h('section.provenance', { 'data-pagefind-ignore': '' }, [
    h('h2', t('doc.sources')),
    ...visibleSources(meta, ANONYMOUS).map((source) =>
      h('dl.metadata', [
        h('dt', t('doc.source.path')),
        h('dd', [
          h('code', source.path),
          ...(doc.original
            ? [' (', h('a', { href: doc.original }, t('doc.source.download')), ')']
            : []),
        ]),
        h('dt', t('doc.source.sha256')),
        h('dd', h('code', source.sha256)),
      ]),
    ),
  ]);
  return page(meta.title, root, meta.language, [article, provenance]);
}

export interface HomeEntry {
  id: string;
  title: string;
  issued: string | undefined;
}

/** What part of the archive an edition holds, in words; empty for all of its public part. */
function partOf({ fromYear, toYear, types }: EditionSelection): string {
  const years =
    fromYear === undefined && toYear === undefined
      ? []
      : [t('export.years', { from: fromYear ?? '', to: toYear ?? '' })];
  const kinds = (types ?? []).map((type) => facetLabel('type', type));
  return [...years, ...kinds].join('; ');
}

export function homePage(total: number, recent: HomeEntry[], selection: EditionSelection): string {
  const part = partOf(selection);
  return page(t('site.name'), './', 'vi', [
    h('h1', t('site.name')),
    h('p', t('export.total', { total })),
    ...(part ? [h('p', t('export.part', { part }))] : []),
    h('p', h('a', { href: 'search/' }, t('nav.search'))),
    h('h2', t('home.recent')),
    h(
      'ol',
      recent.map((entry) =>
        h('li', [
          h('a', { href: `documents/${entry.id}/` }, entry.title),
          entry.issued ? ` (${entry.issued})` : '',
        ]),
      ),
    ),
  ]);
}

/** The search page: a form, a status line and a list the script fills from Pagefind. */
export function searchPage(): string {
  const root = '../';
  return page(
    t('nav.search'),
    root,
    'vi',
    [
      h('h1', t('nav.search')),
      h('form.edition-search', { role: 'search', action: '.' }, [
        h('label', { for: 'search-input' }, t('search.label')),
        h('input#search-input', { type: 'search', name: 'q', autocomplete: 'off' }),
        h('button', { type: 'submit' }, t('search.submit')),
      ]),
      h('details#search-filters', [h('summary', t('edition.filters')), h('div.filters')]),
      h('p#search-status', { role: 'status' }),
      h('ol#search-results.results'),
      h('button#search-more', { type: 'button', hidden: true }, t('edition.more')),
    ],
    [h('script', { src: `${root}assets/search.js`, defer: true })],
  );
}

export const STYLESHEET = `:root { --ink: #1d232b; --muted: #5b6470; --line: #d9dde3; --accent: #8a1c1c; --paper: #fbfaf7;
  font-family: 'Noto Sans', 'Segoe UI', system-ui, sans-serif; color: var(--ink); background: var(--paper); line-height: 1.55; }
body { margin: 0; }
a { color: var(--accent); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.site-header { display: flex; gap: 2rem; align-items: center; padding: 0.75rem 1.25rem; border-bottom: 3px solid var(--accent); background: #fff; }
.brand { font-size: 1.5rem; font-weight: 700; text-decoration: none; }
.site-footer { border-top: 1px solid var(--line); padding: 1rem 1.25rem; color: var(--muted); font-size: 0.9rem; text-align: center; }
.metadata { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; font-size: 0.95rem; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.body { max-width: 48rem; }
figure img { max-width: 100%; height: auto; }
.edition-search { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
.edition-search input { flex: 1 1 20rem; padding: 0.4rem; font: inherit; }
.results li { margin: 0 0 1rem; }
.results p { margin: 0.2rem 0; }
.filters fieldset { border: 0; padding: 0; margin: 0.5rem 0; }
.provenance { margin-top: 2rem; border-top: 1px solid var(--line); font-size: 0.9rem; }
`;
