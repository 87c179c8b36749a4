/**
 * The sitemap: public documents only, whoever asks, since it is written for
 * crawlers. One file per year of issue (split past the protocol's 50,000 URLs),
 * listed in a sitemap index, so that no request walks the whole archive.
 */
import XMLBuilder from 'fast-xml-builder';
import { ANONYMOUS } from '../access/clearance.ts';
import type { SearchRecord } from '../meili/records.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import { listedFilter, quoteFilterValue } from '../meili/filters.ts';
import { documentPermalink } from './url.ts';

const PER_FILE = 45_000;
const PER_REQUEST = 1000;
const UNDATED = 'undated';
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const builder = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: true });

function yearFilter(year: string): string {
  return year === UNDATED ? 'year IS EMPTY OR year NOT EXISTS' : `year = ${quoteFilterValue(year)}`;
}

async function count(backend: SearchBackend, filter: string[]) {
  return guard(() =>
    backend.client
      .index(backend.index)
      .search('', { filter, facets: ['year'], page: 1, hitsPerPage: 1 }),
  );
}

/** The names of the sitemap files: `<year>-<part>`, and `undated-<part>`. */
export async function sitemapParts(backend: SearchBackend): Promise<string[]> {
  const visible = listedFilter(ANONYMOUS);
  const all = await count(backend, [visible]);
  const years = Object.entries(all.facetDistribution?.['year'] ?? {});
  const undated = (await count(backend, [visible, yearFilter(UNDATED)])).totalHits;
  return [...years, [UNDATED, undated] as const].flatMap(([year, total]) =>
    Array.from({ length: Math.ceil(total / PER_FILE) }, (_, i) => `${year}-${String(i + 1)}`),
  );
}

/** The document ids of one part, or undefined when there is no such part. */
export async function sitemapDocuments(
  backend: SearchBackend,
  part: string,
): Promise<string[] | undefined> {
  const match = /^(\d{4}|undated)-([1-9]\d{0,3})$/.exec(part);
  if (!match) return undefined;
  const [, year = '', number = '1'] = match;
  const filter = [listedFilter(ANONYMOUS), yearFilter(year)];
  const ids: string[] = [];
  const first = (Number(number) - 1) * (PER_FILE / PER_REQUEST) + 1;
  for (let page = first; page < first + PER_FILE / PER_REQUEST; page++) {
    const result = await guard(() =>
      backend.client.index<SearchRecord>(backend.index).search('', {
        filter,
        sort: ['issuedTs:asc'],
        attributesToRetrieve: ['docId'],
        page,
        hitsPerPage: PER_REQUEST,
      }),
    );
    ids.push(...result.hits.map((hit) => hit.docId));
    if (result.hits.length < PER_REQUEST) break;
  }
  return ids.length > 0 ? ids : undefined;
}

export function sitemapIndexXml(origin: string, parts: string[]): string {
  return xml({
    sitemapindex: {
      '@_xmlns': NAMESPACE,
      sitemap: parts.map((part) => ({ loc: `${origin}/sitemap/${part}.xml` })),
    },
  });
}

export function sitemapXml(origin: string, ids: string[]): string {
  return xml({
    urlset: {
      '@_xmlns': NAMESPACE,
      url: ids.map((id) => ({ loc: documentPermalink(origin, id) })),
    },
  });
}

function xml(tree: object): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree)}`;
}
