/**
 * The index's filterable attributes carry only the features the portal uses
 * (meili/settings.ts). Against a real Meilisearch and the sample archive: every
 * kind of filter, facet count and facet search the portal sends is accepted,
 * and what no code asks for (a range over document ids, a search among them)
 * is refused, so the index builds nothing for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveIndexName } from '../../src/meili/client.ts';
import {
  clearanceFilter,
  inFilter,
  listedFilter,
  quoteFilterValue,
} from '../../src/meili/filters.ts';
import { ensureIndexed } from '../../src/meili/sync.ts';
import { FACET_NAMES } from '../../src/schema/facets.ts';
import { buildFilter } from '../../src/search/request.ts';
import { sampleIndexTarget, startTestMeili, type TestMeili } from '../helpers/meili.ts';

const PREFIX = 'settings-test';
let meili: TestMeili;
const index = () => meili.client.index(liveIndexName(PREFIX));

beforeAll(async () => {
  meili = await startTestMeili();
  await ensureIndexed(await sampleIndexTarget(meili, PREFIX));
});
afterAll(() => meili.close());

describe('the filterable attributes', () => {
  it('accept every filter the portal builds', async () => {
    const filters: string[][] = [
      // A search with every facet and date chosen (search/request.ts).
      buildFilter(
        {
          q: '',
          page: 1,
          perPage: 10,
          sort: 'relevance',
          issuedFrom: '2000-01-01',
          issuedTo: '2030-12-31',
          inForceOn: '2024-06-01',
          filters: Object.fromEntries(FACET_NAMES.map((name) => [name, ['x']])),
        },
        'secret',
      ),
      // Documents by id, relations, cited numbers (search/documents.ts).
      [inFilter('docId', ['a', 'b']), listedFilter('public')],
      [inFilter('relationLinks', ['implements:a']), listedFilter('public')],
      [
        inFilter('numberKeys', ['57-nq-tw']),
        listedFilter('public'),
        `docId != ${quoteFilterValue('a')}`,
      ],
      // OAI-PMH harvests (search/oai.ts), the sitemap's undated year (search/sitemap.ts).
      [clearanceFilter('public'), 'datestampTs >= 0', 'datestampTs <= 4102444800'],
      [listedFilter('public'), 'year IS EMPTY OR year NOT EXISTS'],
      // The declassification schedule (ingest/declassify.ts).
      ['declassifyTs > 0 AND declassifyTs <= 4102444800'],
    ];
    for (const filter of filters) {
      const found = await index().search('', {
        filter,
        facets: ['numberKeys', ...FACET_NAMES],
        limit: 1,
      });
      expect(found.facetDistribution, filter.join(' AND ')).toBeDefined();
    }
    const all = await index().search('', { limit: 0 });
    expect(all.estimatedTotalHits).toBeGreaterThan(0);
  });

  it('answer a facet search on every facet the search page offers', async () => {
    for (const facetName of FACET_NAMES) {
      const found = await index().searchForFacetValues({ facetName, facetQuery: '' });
      expect(Array.isArray(found.facetHits), facetName).toBe(true);
    }
  });

  it('refuse what no code asks for: ranges over ids, facet search among ids or numbers', async () => {
    await expect(index().search('', { filter: 'docId > "a"' })).rejects.toThrow(/docId/);
    await expect(
      index().searchForFacetValues({ facetName: 'docId', facetQuery: 'a' }),
    ).rejects.toThrow(/docId/);
    await expect(
      index().searchForFacetValues({ facetName: 'numberKeys', facetQuery: '5' }),
    ).rejects.toThrow(/numberKeys/);
  });
});
