/**
 * The edition's search script: Pagefind's own JavaScript API, without its
 * ready-made interface. The interface (127 KB of script and 15 KB of style,
 * uncompressed on a plain static server) and the filter lists it loads before
 * the first search were most of what a first search cost an office on a slow
 * link; here filters are loaded only when the visitor opens them, and results
 * are read five at a time. Pagefind's own script comes packed (search-index.ts)
 * and runs without its web worker, whose script would repeat it.
 *
 * A large edition is several bundles (search-index.ts), and each brings a
 * search its own page list and index chunks. The first bundle is searched
 * alone and its best results shown, marked as first results; only then are
 * the other bundles, merged as one Pagefind instance, asked, and the list is
 * ranked again over all of them by Pagefind's scores, as Pagefind itself
 * ranks merged indexes. The list is `aria-busy` until the whole edition has
 * answered.
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
      partial: t('edition.partial'),
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
  let module; // Pagefind's script, once asked for (a promise)
  let first; // Pagefind over the first bundle, once asked for (a promise)
  let rest; // Pagefind over the others, merged, or null when there are none (a promise)
  let results = [];
  let shown = 0;
  let generation = 0; // the newest search; an older one's answers are dropped

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

  // basePath: a script from a blob cannot tell Pagefind where its files are. No web worker:
  // its script is Pagefind's own again (43 KB on a link that pays for each byte).
  const open = async (bundle) => {
    module ??= load().catch((error) => {
      module = undefined;
      throw error;
    });
    const pagefind = await module;
    const instance = pagefind.createInstance({
      basePath: root + bundle + '/',
      baseUrl: root,
      noWorker: true,
    });
    await instance.init();
    return instance;
  };

  // Kept as promises, so that a search and the filter panel asking at once open each only once;
  // one that failed (a lost connection) is asked for again by the next search.
  const primary = () =>
    (first ??= open('pagefind').catch((error) => {
      first = undefined;
      throw error;
    }));

  // Opened only once the first results are shown: its files are the rest of a first search.
  const openOthers = async () => {
    if (config.others.length === 0) return null;
    const [head, ...tail] = config.others;
    const merged = await open(head);
    for (const bundle of tail) await merged.mergeIndex(root + bundle + '/');
    return merged;
  };
  const others = () =>
    (rest ??= openOthers().catch((error) => {
      rest = undefined;
      throw error;
    }));

  const element = (name, text) => {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const items = async (found) => {
    const made = [];
    for (const data of await Promise.all(found.map((result) => result.data()))) {
      const item = element('li');
      const link = element('a', data.meta.title || data.url);
      link.href = data.url;
      const excerpt = element('p');
      // Pagefind's excerpt is escaped text with <mark> around the words found.
      excerpt.innerHTML = data.excerpt;
      item.append(link, excerpt);
      made.push(item);
    }
    return made;
  };

  const showMore = async () => {
    const from = results;
    const page = await items(from.slice(shown, shown + config.pageSize));
    if (from !== results) return; // the list was ranked again meanwhile
    shown += page.length;
    list.append(...page);
    more.hidden = shown >= results.length;
  };

  // Shows the results found in place of the list, as many as were shown (at least a page), at once.
  const show = async (found, complete, search) => {
    const count = Math.max(shown, config.pageSize);
    const page = await items(found.slice(0, count));
    if (search !== generation) return;
    results = found;
    shown = page.length;
    list.replaceChildren(...page);
    more.hidden = shown >= results.length;
    list.setAttribute('aria-busy', String(!complete));
    if (!complete) status.textContent = config.strings.partial;
    else if (found.length === 0) status.textContent = config.strings.none;
    else status.textContent = config.strings.results.replace('{total}', String(found.length));
  };

  const run = async () => {
    const query = input.value.trim();
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    const search = ++generation;
    shown = 0;
    if (!query) {
      results = [];
      list.replaceChildren();
      list.setAttribute('aria-busy', 'false');
      status.textContent = '';
      more.hidden = true;
      return;
    }
    status.textContent = config.strings.searching;
    list.setAttribute('aria-busy', 'true');
    const options = { filters: chosen };
    const found = await (await primary()).debouncedSearch(query, options, 250);
    if (found === null || search !== generation) return; // a newer search replaced this one
    const whole = config.others.length === 0;
    if (whole || found.results.length > 0) await show(found.results, whole, search);
    if (whole || search !== generation) return;
    const other = await (await others()).search(query, options);
    if (search !== generation) return;
    const all = [...found.results, ...other.results].sort((a, b) => b.score - a.score);
    await show(all, true, search);
  };

  const showFilters = async () => {
    const box = panel.querySelector('.filters');
    if (box.childElementCount > 0) return;
    const engines = [await primary(), await others()].filter(Boolean);
    // Each bundle counts its own pages; the edition's counts are their sums.
    const filters = {};
    for (const counts of await Promise.all(engines.map((engine) => engine.filters()))) {
      for (const [name, values] of Object.entries(counts)) {
        filters[name] = filters[name] || {};
        for (const [value, count] of Object.entries(values)) {
          filters[name][value] = (filters[name][value] || 0) + count;
        }
      }
    }
    if (box.childElementCount > 0) return;
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
