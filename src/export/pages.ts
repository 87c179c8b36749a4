/**
 * The static edition's pages, built as hast trees and serialised once: the
 * document page, the home page and the search page. Every link is relative,
 * so the edition works from any folder of any static file server.
 */
import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { facetLabel, t } from '../i18n/index.ts';
import {
  documentBottom,
  documentFigures,
  documentHead,
  documentTop,
  type DocumentModel,
} from '../view/document/index.ts';
import type { EditionSelection } from './selection.ts';

// The portal's icon, in each page: a page without one makes the browser ask for /favicon.ico,
// a request more (and a 404) before a first search on a slow link.
const ICON = `data:image/svg+xml,${encodeURIComponent(
  readFileSync(new URL('../../public/favicon.svg', import.meta.url), 'utf8').trim(),
)}`;

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
          h('link', { rel: 'icon', type: 'image/svg+xml', href: ICON }),
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

/**
 * `documents/<id>/index.html` (and `part-<n>.html`): the portal's own document
 * presentation (view/document), here with relative links; what Pagefind indexes
 * and what a reader opens.
 */
export function documentPage(model: DocumentModel, permalink: string | undefined): string {
  const article = h('article', { 'data-pagefind-body': '' }, [
    ...documentTop(model),
    ...documentFigures(model),
    ...documentBottom(model),
  ]);
  return page(
    model.meta.title,
    '../../',
    model.ui.locale,
    [article],
    documentHead(model.meta, permalink, model.ui.t('site.name')),
  );
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

/**
 * The search page: a form, a status line and a list the script fills from
 * Pagefind; with a notice when the edition stands in for the portal's search.
 */
export function searchPage(notice?: string): string {
  const root = '../';
  return page(
    t('nav.search'),
    root,
    'vi',
    [
      h('h1', t('nav.search')),
      ...(notice ? [h('p.banner.banner-fallback', { role: 'note' }, notice)] : []),
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

/** The edition's own pages (search), beside the portal's stylesheets (view/document/styles.ts). */
export const EDITION_CSS = `
.edition-search { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
.edition-search input { flex: 1 1 20rem; padding: 0.4rem; font: inherit; }
.results li { margin: 0 0 1rem; }
.results p { margin: 0.2rem 0; }
.filters fieldset { border: 0; padding: 0; margin: 0.5rem 0; }
`;
