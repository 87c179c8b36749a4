/**
 * An Atom feed of a search: the most recently issued documents it finds that
 * the visitor may see. Without parameters, the archive's newest documents; with
 * a search's own parameters, a researcher follows that search over time.
 */
import XMLBuilder from 'fast-xml-builder';
import type { Clearance } from '../access/clearance.ts';
import { facetLabel, t } from '../i18n/index.ts';
import { parseSearchParams, type SearchParams } from './params.ts';
import { searchDocuments } from './search.ts';
import { documentPermalink, searchQueryString } from './url.ts';
import { type SearchBackend } from '../meili/guard.ts';

const ENTRIES = 50;
const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });

/**
 * The search a feed follows: the given parameters, newest first, one page of
 * ENTRIES (paging and sorting belong to the results page, not to a feed).
 * Throws a ValidationError naming a wrong parameter.
 */
export function feedSearch(query: URLSearchParams): SearchParams {
  const params = parseSearchParams(query);
  return { ...params, sort: 'issued:desc', page: 1, perPage: ENTRIES };
}

/** The search's own parameters, without what a feed sets itself (order, page, size). */
function searchOf(params: SearchParams): string {
  return searchQueryString({ ...params, sort: 'relevance', page: 1, perPage: 20 });
}

/** Where the feed of this search is, for the results page to link. */
export function feedPath(params: SearchParams): string {
  return `/feed.xml${searchOf(params)}`;
}

export async function feedXml(
  backend: SearchBackend,
  origin: string,
  clearance: Clearance,
  params: SearchParams = feedSearch(new URLSearchParams()),
): Promise<string> {
  const { hits } = await searchDocuments(backend, params, clearance);
  const self = `${origin}${feedPath(params)}`;
  const described = searchOf(params);
  const alternate = described ? `${origin}/search${described}` : `${origin}/`;
  const title = params.q.trim() ? t('feed.search', { query: params.q.trim() }) : t('home.recent');
  const dated = (day: string | null) => (day ? `${day}T00:00:00Z` : '1970-01-01T00:00:00Z');
  const feed = {
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': 'vi',
      id: self,
      title: `${t('site.name')}: ${title}`,
      updated: dated(hits[0]?.issued ?? null),
      link: [
        { '@_rel': 'self', '@_href': self },
        { '@_rel': 'alternate', '@_href': alternate },
      ],
      author: { name: t('site.name') },
      entry: hits.map((hit) => ({
        // The document's permalink: the same entry whichever section the search matched.
        id: documentPermalink(origin, hit.id),
        title: hit.number ? `${hit.title} (${hit.number})` : hit.title,
        link: { '@_rel': 'alternate', '@_href': `${origin}${hit.url}` },
        updated: dated(hit.issued),
        ...(hit.issuer ? { author: { name: hit.issuer } } : {}),
        category: { '@_term': hit.type, '@_label': facetLabel('type', hit.type) },
        // The snippet is already escaped HTML; the builder escapes it once more for XML.
        summary: { '@_type': 'html', '#text': hit.snippet },
      })),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(feed)}`;
}
