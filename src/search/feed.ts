/** An Atom feed of the most recently issued documents the visitor may see. */
import XMLBuilder from 'fast-xml-builder';
import type { Clearance } from '../access/clearance.ts';
import { facetLabel, t } from '../i18n/index.ts';
import { parseSearchParams } from './params.ts';
import { searchDocuments } from './search.ts';
import { type SearchBackend } from '../meili/guard.ts';

const ENTRIES = 50;
const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });

export async function feedXml(
  backend: SearchBackend,
  origin: string,
  clearance: Clearance,
): Promise<string> {
  const params = parseSearchParams(
    new URLSearchParams({ sort: 'issued:desc', perPage: String(ENTRIES) }),
  );
  const { hits } = await searchDocuments(backend, params, clearance);
  const dated = (day: string | null) => (day ? `${day}T00:00:00Z` : '1970-01-01T00:00:00Z');
  const feed = {
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': 'vi',
      id: `${origin}/feed.xml`,
      title: `${t('site.name')}: ${t('home.recent')}`,
      updated: dated(hits[0]?.issued ?? null),
      link: [
        { '@_rel': 'self', '@_href': `${origin}/feed.xml` },
        { '@_rel': 'alternate', '@_href': `${origin}/` },
      ],
      author: { name: t('site.name') },
      entry: hits.map((hit) => ({
        id: `${origin}${hit.url}`,
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
