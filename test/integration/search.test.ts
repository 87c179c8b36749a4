import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAllDocuments, type StoredDocument } from '../../src/content/store.ts';
import { liveIndexName } from '../../src/meili/client.ts';
import { ensureIndexed } from '../../src/meili/sync.ts';
import { AuditTrail } from '../../src/access/audit.ts';
import { canSee, type Clearance } from '../../src/access/clearance.ts';
import { numberKey, numberKeys } from '../../src/schema/number.ts';
import { readerFor } from '../../src/access/gate.ts';
import { getDocumentView, indexedClassification } from '../../src/search/documents.ts';
import { searchFacetValues, valueMatches } from '../../src/search/facets.ts';
import { parseSearchParams } from '../../src/search/params.ts';
import { searchDocuments } from '../../src/search/search.ts';
import { SearchUnavailableError, type SearchBackend } from '../../src/meili/guard.ts';
import { createClient } from '../../src/meili/client.ts';
import { startTestMeili, type TestMeili } from '../helpers/meili.ts';
import { REPO_ROOT } from '../helpers/temp.ts';

const CONTENT = path.join(REPO_ROOT, 'content');
const PREFIX = 'search-test';
let meili: TestMeili;
let backend: SearchBackend;

beforeAll(async () => {
  meili = await startTestMeili();
  const target = {
    client: meili.client,
    prefix: PREFIX,
    contentDir: CONTENT,
    dataDir: meili.dataDir,
  };
  const result = await ensureIndexed(target);
  expect(result).toMatchObject({ rebuilt: true, invalid: [] });
  backend = { client: meili.client, index: liveIndexName(PREFIX) };
});
afterAll(() => meili.close());

/** A reader of this clearance whose reads go to a trail in the test's data folder. */
const reader = (clearance: Clearance) =>
  readerFor({ user: 'tester', clearance }, '127.0.0.1', 'view', new AuditTrail(meili.dataDir));

const gate = (id: string) => indexedClassification(backend, id);
/** A document's page as a reader of this clearance gets it, links in `localize`'s language. */
const viewAs = (id: string, clearance: Clearance, localize?: (path: string) => string) =>
  getDocumentView(CONTENT, backend, id, reader(clearance), gate, 1, localize);

const search = (query: string) =>
  searchDocuments(backend, parseSearchParams(new URLSearchParams(query)), 'public');

async function sampleDocuments() {
  const docs = [];
  for await (const doc of readAllDocuments(CONTENT, () => undefined)) docs.push(doc.meta);
  return docs;
}

describe('indexing', () => {
  it('skips a rebuild when nothing changed, and rebuilds atomically when forced', async () => {
    const target = {
      client: meili.client,
      prefix: PREFIX,
      contentDir: CONTENT,
      dataDir: meili.dataDir,
    };
    expect((await ensureIndexed(target)).rebuilt).toBe(false);
    const forced = await ensureIndexed(target, true);
    expect(forced.rebuilt).toBe(true);
    const { results } = await meili.client.getRawIndexes({ limit: 100 });
    // Only the live index is left: the staging index was swapped in and the old one deleted.
    expect(results.map((index) => index.uid).filter((uid) => uid.startsWith(PREFIX))).toEqual([
      liveIndexName(PREFIX),
    ]);
  });
});

describe('search', () => {
  it('answers an empty query with every public document and the facets', async () => {
    const docs = await sampleDocuments();
    const publicDocs = docs.filter((d) => d.classification === 'public');
    const result = await search('q=&perPage=100');
    expect(result.total).toBe(publicDocs.length);
    expect(result.hits).toHaveLength(Math.min(100, publicDocs.length));
    expect(Object.keys(result.facets.classification)).toEqual(['public']);
    const typeCounts = Object.values(result.facets.type).reduce((a, b) => a + b, 0);
    expect(typeCounts).toBe(publicDocs.length);
    for (const facet of ['type', 'issuer', 'year', 'language'] as const) {
      expect(Object.keys(result.facets[facet]).length).toBeGreaterThan(1);
    }
  });

  it('never returns a document above the visitor clearance', async () => {
    const docs = await sampleDocuments();
    const secret = docs.find((d) => d.classification === 'secret' && d.number);
    expect(secret).toBeDefined();
    const result = await search(`q=${encodeURIComponent(secret?.number ?? '')}&perPage=100`);
    expect(result.hits.map((h) => h.id)).not.toContain(secret?.id);
    expect(result.hits.every((h) => h.classification === 'public')).toBe(true);
    expect(await viewAs(secret?.id ?? '', 'public')).toBeUndefined();
    expect(await viewAs(secret?.id ?? '', 'secret')).toBeDefined();
  });

  it('finds Vietnamese text typed without diacritics, and marks the match', async () => {
    const withMarks = await search('q=số hóa tài liệu lưu trữ');
    const folded = await search('q=so hoa tai lieu luu tru');
    expect(withMarks.total).toBeGreaterThan(0);
    expect(folded.hits.map((h) => h.id)).toEqual(withMarks.hits.map((h) => h.id));
    expect(folded.hits[0]?.snippet).toMatch(/<mark>[^<]+<\/mark>/);
  });

  it('finds a public document by its number', async () => {
    const docs = await sampleDocuments();
    const target = docs.find(
      (d) => d.classification === 'public' && d.number && d.type === 'resolution',
    );
    const result = await search(`q=${encodeURIComponent(target?.number ?? '')}`);
    expect(result.hits.slice(0, 5).map((h) => h.id)).toContain(target?.id);
  });

  it('filters by facets and dates, and sorts by issue date', async () => {
    const result = await search(
      'type=resolution&type=decision&issuedFrom=2010-01-01&issuedTo=2019-12-31&sort=issued:asc&perPage=100',
    );
    expect(result.total).toBeGreaterThan(0);
    for (const hit of result.hits) {
      expect(['resolution', 'decision']).toContain(hit.type);
      expect(hit.issued! >= '2010-01-01' && hit.issued! <= '2019-12-31').toBe(true);
    }
    const dates = result.hits.map((h) => h.issued ?? '');
    expect(dates).toEqual([...dates].sort());
  });

  it('shows relations in both directions, only between visible documents', async () => {
    const docs = await sampleDocuments();
    const citing = docs.find(
      (d) =>
        d.classification === 'public' &&
        d.relations.some(
          (r) => r.id && docs.find((t) => t.id === r.id)?.classification === 'public',
        ),
    );
    const relation = citing?.relations.find((r) => r.id);
    const view = await viewAs(relation?.id ?? '', 'public');
    expect(view?.relations.incoming.map((l) => l.id)).toContain(citing?.id);
    const hidden = docs.find((d) => d.classification !== 'public' && d.relations.some((r) => r.id));
    const hiddenTarget = hidden?.relations.find((r) => r.id)?.id ?? '';
    const targetView = await viewAs(hiddenTarget, 'top-secret');
    expect(targetView?.relations.incoming.map((l) => l.id)).toContain(hidden?.id);
    const publicView = await viewAs(hiddenTarget, 'public');
    expect(publicView?.relations.incoming.map((l) => l.id) ?? []).not.toContain(hidden?.id);
  });

  it('says how many documents the reader may see carry a cited number, never counting one above them', async () => {
    const docs = await sampleDocuments();
    const carriers = (key: string, self: string, clearance: Clearance) =>
      docs.filter(
        (d) =>
          d.id !== self &&
          !d.withdrawn &&
          canSee(clearance, d.classification) &&
          d.number !== undefined &&
          numberKeys(d.number).includes(key),
      ).length;
    const citers = docs.filter(
      (d) =>
        d.classification === 'public' &&
        d.relations.some(
          (r) => r.target !== r.id && carriers(numberKey(r.target), d.id, 'top-secret') > 1,
        ),
    );
    expect(citers.length).toBeGreaterThan(0);
    const seen = { hiddenFromPublic: 0, sharedInPublic: 0 };
    for (const citer of citers) {
      for (const clearance of ['public', 'top-secret'] as const) {
        const view = await viewAs(citer.id, clearance);
        for (const link of view?.relations.outgoing ?? []) {
          if (link.target === citer.relations.find((r) => r.target === link.target)?.id) continue;
          const expected = carriers(numberKey(link.target), citer.id, clearance);
          expect(link.shared?.count ?? 0, `${citer.id} → ${link.target} (${clearance})`).toBe(
            expected > 1 ? expected : 0,
          );
          if (link.shared)
            expect(link.shared.href).toBe(`/search?q=${encodeURIComponent(link.target)}`);
          if (clearance === 'public' && expected > 1) seen.sharedInPublic++;
          if (
            clearance === 'top-secret' &&
            expected > 1 &&
            carriers(numberKey(link.target), citer.id, 'public') < 2
          )
            seen.hiddenFromPublic++;
        }
      }
    }
    // The sample holds both cases: a number two public documents carry, and one a classified document shares.
    expect(seen.sharedInPublic).toBeGreaterThan(0);
    expect(seen.hiddenFromPublic).toBeGreaterThan(0);
  });

  it('links the numbers cited in the text to the documents the reader may see, and only those', async () => {
    const stored: StoredDocument[] = [];
    for await (const doc of readAllDocuments(CONTENT, (file, error) => {
      throw new Error(`${file}: ${error.message}`);
    }))
      stored.push(doc);
    const level = new Map(stored.map((doc) => [doc.meta.id, doc.meta.classification]));
    // A public document whose text cites, by number, a public one and one above public.
    const cites = (doc: StoredDocument, open: boolean) =>
      doc.meta.relations.find(
        (r) =>
          r.id &&
          r.target !== r.id &&
          (level.get(r.id) === 'public') === open &&
          doc.body.includes(r.target),
      );
    const withOpen = stored.find((d) => d.meta.classification === 'public' && cites(d, true));
    const opened = withOpen && cites(withOpen, true);
    const view = await viewAs(withOpen?.meta.id ?? '', 'public', (p) => `/en${p}`);
    expect(view?.html).toContain(
      `<a href="/en/documents/${opened?.id ?? ''}" class="cited">${opened?.target ?? ''}</a>`,
    );
    const withHidden = stored.find((d) => d.meta.classification === 'public' && cites(d, false));
    const hidden = withHidden && cites(withHidden, false);
    expect(hidden).toBeDefined();
    const publicView = await viewAs(withHidden?.meta.id ?? '', 'public');
    expect(publicView?.html).toContain(hidden?.target);
    expect(publicView?.html).not.toContain(`/documents/${hidden?.id ?? ''}`);
    const clearedView = await viewAs(withHidden?.meta.id ?? '', 'top-secret');
    expect(clearedView?.html).toContain(`/documents/${hidden?.id ?? ''}" class="cited"`);
  });

  it('says the search server is unavailable instead of failing obscurely', async () => {
    const gone = { client: createClient('http://127.0.0.1:9', 'x'), index: 'none' };
    await expect(
      searchDocuments(gone, parseSearchParams(new URLSearchParams()), 'public'),
    ).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it('says when it repaired a query typed in Telex, and links hits to the matching section', async () => {
    const result = await search('q=nghij quyeets');
    expect(result.repairedQuery).toBe('nghị quyết');
    expect(result.total).toBeGreaterThan(0);
    const deep = await search(`q=${encodeURIComponent('Tổ chức thực hiện')}`);
    expect(deep.hits.some((hit) => /#[a-z0-9-]+$/.test(hit.url))).toBe(true);
  });

  it('suggests the filter to drop when nothing matches', async () => {
    const result = await search('q=nghị quyết&language=hi&type=resolution');
    expect(result.total).toBe(0);
    expect(result.suggestion?.drop).toMatch(/^(language|type)$/);
    expect(result.suggestion?.total).toBeGreaterThan(0);
  });

  it('keeps to documents in force on a given day', async () => {
    const docs = await sampleDocuments();
    const day = '2015-06-01';
    const result = await search(`q=&inForceOn=${day}&perPage=100`);
    const byId = new Map(docs.map((d) => [d.id, d]));
    expect(result.total).toBeGreaterThan(0);
    for (const hit of result.hits) {
      const doc = byId.get(hit.id);
      expect((doc?.effective ?? doc?.issued ?? '') <= day).toBe(true);
      if (!doc?.expires) expect(['in-force', 'partly-in-force']).toContain(doc?.status);
    }
  });

  it('searches the values of a long facet within the visitor clearance', async () => {
    const values = await searchFacetValues(backend, 'issuer', 'ủy ban', 'public');
    expect(values.map((v) => v.value)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Ủy ban nhân dân/)]),
    );
    const all = await search('q=&perPage=1');
    for (const { value, count } of values) expect(count).toBe(all.facets.issuer[value]);
  });

  it('finds a facet value by any of its words, not only by its start, with or without diacritics', async () => {
    const all = await search('q=&perPage=1');
    for (const query of ['Thừa Thiên', 'thua thien', 'hue', 'nhân dân', 'Cooperation']) {
      const values = await searchFacetValues(backend, 'issuer', query, 'public');
      expect(values.length, query).toBeGreaterThan(0);
      for (const { value, count } of values) {
        expect(valueMatches(value, query), `${query} → ${value}`).toBe(true);
        expect(count).toBe(all.facets.issuer[value]);
      }
    }
    const hue = await searchFacetValues(backend, 'issuer', 'huế', 'public');
    expect(hue.map((v) => v.value)).toContain('Ủy ban nhân dân Tỉnh Thừa Thiên Huế');
    expect(await searchFacetValues(backend, 'issuer', 'zzzqqq', 'public')).toEqual([]);
  });

  it('supports quoted phrases and excluded words', async () => {
    const loose = await search(`q=${encodeURIComponent('quốc gia chuyển đổi số')}`);
    const phrase = await search(`q=${encodeURIComponent('"chuyển đổi số quốc gia"')}`);
    expect(phrase.total).toBeGreaterThan(0);
    expect(phrase.total).toBeLessThan(loose.total);
    const all = await search('q=culture');
    const without = await search(`q=${encodeURIComponent('culture -developing')}`);
    expect(without.total).toBeLessThan(all.total);
    for (const hit of without.hits) expect(hit.title.toLowerCase()).not.toContain('developing');
  });
});
