/**
 * The edition's search script: Pagefind's own JavaScript API, without its
 * ready-made interface. The interface (127 KB of script and 15 KB of style,
 * uncompressed on a plain static server) and the filter lists it loads before
 * the first search were most of what a first search cost an office on a slow
 * link; here filters are loaded only when the visitor opens them, and results
 * are read five at a time. Pagefind's own script comes packed (search-index.ts)
 * and runs without its web worker, whose script would repeat it.
 */
import { t } from '../i18n/index.ts';
import { FACET_NAMES } from '../schema/facets.ts';

const PAGE_SIZE = 5;

/**
 * The script, for the edition's bundles (the first is `pagefind`, the others
 * merged into it) and the packed copy of Pagefind's script, when there is one.
 */
export function searchScript(otherBundles: string[], packedScript?: string): string {
  const config = {
    others: otherBundles,
    packed: packedScript ?? null,
    pageSize: PAGE_SIZE,
    // The edition's pages name their filters after facets (see pages.ts).
    names: Object.fromEntries(FACET_NAMES.map((name) => [name, t(`facet.${name}`)])),
    strings: {
      results: t('search.results'),
      none: t('search.none'),
      searching: t('edition.searching'),
    },
  };
  return `'use strict';
(() => {
  const config = ${JSON.stringify(config)};
  const root = new URL('..', location.href).pathname;
  const input = document.getElementById('search-input');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const panel = document.getElementById('search-filters');
  const chosen = {};
  let pagefind;
  let results = [];
  let shown = 0;

  // Pagefind's script as the export packed it (see search-index.ts), else as Pagefind wrote it.
  const load = async () => {
    const written = root + 'pagefind/pagefind.js';
    if (!config.packed || typeof DecompressionStream !== 'function') return import(written);
    try {
      const response = await fetch(root + config.packed);
      if (!response.ok) throw new Error(response.status + ' ' + response.statusText);
      let bytes = new Uint8Array(await response.arrayBuffer());
      // A server that sent it as gzip-encoded has had it unpacked by the browser already.
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
        bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      }
      const url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
      try {
        return await import(url);
      } finally {
        URL.revokeObjectURL(url);
      }
    } catch (error) {
      console.warn('Pagefind: the packed script failed, loading it as written', error);
      return import(written);
    }
  };

  const engine = async () => {
    if (!pagefind) {
      pagefind = await load();
      // basePath: a script from a blob cannot tell Pagefind where its files are. No web worker:
      // its script is Pagefind's own again (43 KB on a link that pays for each byte).
      await pagefind.options({ basePath: root + 'pagefind/', baseUrl: root, noWorker: true });
      for (const bundle of config.others) await pagefind.mergeIndex(root + bundle + '/');
    }
    return pagefind;
  };

  const element = (name, text) => {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const showMore = async () => {
    const page = results.slice(shown, shown + config.pageSize);
    shown += page.length;
    for (const data of await Promise.all(page.map((result) => result.data()))) {
      const item = element('li');
      const link = element('a', data.meta.title || data.url);
      link.href = data.url;
      const excerpt = element('p');
      // Pagefind's excerpt is escaped text with <mark> around the words found.
      excerpt.innerHTML = data.excerpt;
      item.append(link, excerpt);
      list.append(item);
    }
    more.hidden = shown >= results.length;
  };

  const run = async () => {
    const query = input.value.trim();
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      return;
    }
    status.textContent = config.strings.searching;
    const search = await (await engine()).debouncedSearch(query, { filters: chosen }, 250);
    if (search === null) return; // a newer search replaced this one
    results = search.results;
    shown = 0;
    list.replaceChildren();
    status.textContent = results.length
      ? config.strings.results.replace('{total}', String(results.length))
      : config.strings.none;
    await showMore();
  };

  const showFilters = async () => {
    const box = panel.querySelector('.filters');
    if (box.childElementCount > 0) return;
    const filters = await (await engine()).filters();
    for (const [name, values] of Object.entries(filters)) {
      const set = element('fieldset');
      set.append(element('legend', config.names[name] || name));
      for (const [value, count] of Object.entries(values)) {
        const label = element('label');
        const tick = element('input');
        tick.type = 'checkbox';
        tick.addEventListener('change', () => {
          const current = new Set(chosen[name] || []);
          if (tick.checked) current.add(value);
          else current.delete(value);
          chosen[name] = [...current];
          void run();
        });
        label.append(tick, ' ' + value + ' (' + count + ') ');
        set.append(label);
      }
      box.append(set);
    }
  };

  input.closest('form').addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
  more.addEventListener('click', () => void showMore());
  panel.addEventListener('toggle', () => {
    if (panel.open) void showFilters();
  });
  input.value = new URL(location.href).searchParams.get('q') || '';
  if (input.value) void run();
})();
`;
}
