/**
 * The leak suite: canaries at every level, probed through every output path
 * as every clearance. Nothing above a visitor's clearance may appear anywhere,
 * and everything within it must.
 */
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, type Classification } from '../../src/schema/document.ts';
import {
  buildCanaryArchive,
  copyFolder,
  PASSWORD,
  type CanaryArchive,
} from '../helpers/canaries.ts';
import { logIn, request, type Answer } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir } from '../helpers/temp.ts';

let portal: PortalProcess;
let archive: CanaryArchive;
let work: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  work = await tempDir('vankho-leak-');
  const dataDir = `${work.dir}/data`;
  // With a document per level withdrawn through `npm run withdraw`.
  archive = await buildCanaryArchive(work.dir, dataDir, { withdrawn: true });
  portal = await startPortalProcess({ DATA_DIR: dataDir, CONTENT_DIR: archive.contentDir });
});
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

const CITE_FORMATS = ['bibtex', 'ris', 'csl-json'];
/** A withdrawn document's own addresses: 410 with its tombstone, or 404. */
const WITHDRAWN_PAGES = (id: string) => [
  `/documents/${id}`,
  `/api/documents/${id}`,
  `/media/${id}/original`,
  `/iiif/${id}/manifest.json`,
  ...CITE_FORMATS.map((format) => `/documents/${id}/cite?format=${format}`),
];

/** Every output path a visitor can reach, as [path, answer]. */
async function probeEverything(cookie: string | undefined): Promise<Answer[]> {
  const get = (path: string) => request(portal.url, path, { cookie });
  const { canaries, targetId, noteId } = archive;
  const paths = [
    '/',
    '/search?q=',
    '/search?q=kanary',
    '/api/search?q=&perPage=100',
    '/api/search?q=kanary&perPage=100',
    '/api/search?q=&sort=issued:desc&perPage=100',
    '/api/search?q=&issuer=NoSuchIssuer',
    '/api/facets/issuer?q=',
    '/api/facets/issuer?q=Kanary',
    '/api/facets/subjects?q=kanary',
    '/api/facets/classification?q=',
    '/browse',
    ...['type', 'issuer', 'year', 'language', 'status', 'classification', 'subjects'].map(
      (facet) => `/browse/${facet}`,
    ),
    '/browse/year/2026',
    '/browse/type/image',
    `/documents/${targetId}`,
    `/api/documents/${targetId}`,
    `/documents/${noteId}`,
    `/api/documents/${noteId}`,
    `/media/${noteId}/original`,
    '/feed.xml',
    '/api/search.csv?q=',
    '/api/search.csv?q=kanary',
    '/sitemap.xml',
    '/oai?verb=ListRecords&metadataPrefix=oai_dc',
    '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc',
    '/oai?verb=ListSets',
    '/oai?verb=Identify',
    ...canaries.flatMap((canary) => [
      `/search?q=${encodeURIComponent(canary.word)}`,
      `/api/search?q=${encodeURIComponent(canary.word)}`,
      `/api/search?q=${encodeURIComponent(canary.number)}`,
      `/api/search?q=&subjects=${encodeURIComponent(canary.subject)}`,
      `/feed.xml?q=${encodeURIComponent(canary.word)}`,
      `/api/search.csv?q=${encodeURIComponent(canary.word)}`,
      `/feed.xml?subjects=${encodeURIComponent(canary.subject)}`,
      `/browse/issuer/${canary.issuer}`,
      `/browse/subjects/${canary.subject}`,
      `/browse/classification/${canary.level}`,
      `/documents/${canary.id}`,
      `/api/documents/${canary.id}`,
      `/media/${canary.id}/original`,
      ...CITE_FORMATS.map((format) => `/documents/${canary.id}/cite?format=${format}`),
      `/documents/${canary.imageId}`,
      `/api/documents/${canary.imageId}`,
      `/media/${canary.imageId}/original`,
      `/media/${canary.imageId}/320.webp`,
      `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:vankho:${canary.id}`,
    ]),
    ...archive.withdrawn.flatMap((gone) => [
      `/search?q=${encodeURIComponent(gone.word)}`,
      `/api/search?q=${encodeURIComponent(gone.word)}`,
      `/feed.xml?q=${encodeURIComponent(gone.word)}`,
      `/api/search.csv?q=${encodeURIComponent(gone.word)}`,
      ...WITHDRAWN_PAGES(gone.id),
      `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:vankho:${gone.id}`,
    ]),
  ];
  // A few at a time: ~120 at once on a cold portal, on a box busy with other work, wait past
  // the search timeout (MEILI_TIMEOUT_MS) and are answered 503, which hides what they would show.
  const limit = pLimit(8);
  const answers = await Promise.all(paths.map((path) => limit(() => get(path))));
  // Every sitemap file the index lists.
  const sitemap = answers.find((answer) => answer.path === '/sitemap.xml')?.body ?? '';
  const parts = [...sitemap.matchAll(/<loc>[^<]*?(\/sitemap\/[^<]+)<\/loc>/g)].map((m) => m[1]);
  return [...answers, ...(await Promise.all(parts.map((part) => limit(() => get(part ?? '')))))];
}

const VISITORS: { name: string; clearance: Classification; user?: string }[] = [
  { name: 'anonymous', clearance: 'public' },
  ...CLASSIFICATIONS.map((level) => ({ name: level, clearance: level, user: `u-${level}` })),
];

describe.each(VISITORS)('as $name', ({ clearance, user }) => {
  let cookie: string | undefined;
  let answers: Answer[];
  const rank = CLASSIFICATIONS.indexOf(clearance);
  const hidden = () => archive.canaries.filter((c) => CLASSIFICATIONS.indexOf(c.level) > rank);
  const shown = () => archive.canaries.filter((c) => CLASSIFICATIONS.indexOf(c.level) <= rank);
  const answer = (path: string) => {
    const found = answers.find((a) => a.path === path);
    if (!found) throw new Error(`not probed: ${path}`);
    return found;
  };

  beforeAll(async () => {
    cookie = user ? await logIn(portal.url, user, PASSWORD) : undefined;
    answers = await probeEverything(cookie);
  });

  it('finds nothing above the clearance on any path', () => {
    const leaks = answers.flatMap((a) =>
      hidden().flatMap((canary) =>
        canary.markers
          .filter((marker) => a.scanned.includes(marker))
          .map((marker) => `${a.path} (${String(a.status)}) shows ${marker}`),
      ),
    );
    expect(leaks).toEqual([]);
    expect(answers.filter((a) => a.status >= 500).map((a) => a.path)).toEqual([]);
  });

  it('lists no withdrawn document anywhere, and shows its tombstone only to those who could see it', () => {
    const leaks: string[] = [];
    for (const gone of archive.withdrawn) {
      const own = WITHDRAWN_PAGES(gone.id);
      const visible = CLASSIFICATIONS.indexOf(gone.level) <= rank;
      for (const a of answers) {
        // Its text: nowhere, for anyone.
        if (a.scanned.includes(gone.body)) leaks.push(`${a.path} shows the text of ${gone.id}`);
        // Its title and number: only in its tombstone (410 at its own addresses), to a reader
        // who could see it.
        const tombstone = visible && own.includes(a.path) && a.status === 410;
        for (const marker of gone.shown) {
          if (!tombstone && a.scanned.includes(marker)) leaks.push(`${a.path} shows ${marker}`);
        }
        // Its id: in OAI-PMH as a deleted record when public, else only where it was asked for.
        const harvested = gone.level === 'public' && a.path.startsWith('/oai?');
        if (!harvested && !a.path.includes(gone.id) && a.scanned.includes(gone.id)) {
          leaks.push(`${a.path} names ${gone.id}`);
        }
      }
      for (const path of own) {
        const status = answer(path).status;
        const expected = visible ? 410 : 404;
        if (status !== expected)
          leaks.push(`${path} answers ${String(status)}, not ${String(expected)}`);
      }
      const record = answer(
        `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:vankho:${gone.id}`,
      );
      if (gone.level === 'public') expect(record.body).toContain('<header status="deleted">');
      else expect(record.body).toContain('code="idDoesNotExist"');
    }
    expect(leaks).toEqual([]);
    const tombstone = answer(`/documents/${archive.withdrawn[0]?.id ?? ''}`);
    expect(tombstone.body).toContain('Kiểm thử rò rỉ');
  });

  it('shows the copies of a public note filed at its level or below, and no other', () => {
    const page = answer(`/documents/${archive.noteId}`);
    const api = answer(`/api/documents/${archive.noteId}`);
    expect(page.status).toBe(200);
    for (const canary of archive.canaries.filter((c) => c.level !== 'public')) {
      const visible = CLASSIFICATIONS.indexOf(canary.level) <= rank;
      expect(page.body.includes(copyFolder(canary.level)), canary.level).toBe(visible);
      expect(api.body.includes(copyFolder(canary.level)), canary.level).toBe(visible);
    }
    expect(page.body).toContain('note.txt');
  });

  it('answers restricted documents, their media and their issuers exactly like missing ones', async () => {
    const missing = await request(portal.url, '/documents/kanary-missing-0000000000', { cookie });
    const missingApi = await request(portal.url, '/api/documents/kanary-missing-0000000000', {
      cookie,
    });
    const missingMedia = await request(portal.url, '/media/kanary-missing-0000000000/original', {
      cookie,
    });
    const missingBrowse = await request(portal.url, '/browse/issuer/NoSuchIssuerXq', { cookie });
    const missingCite = await request(
      portal.url,
      '/documents/kanary-missing-0000000000/cite?format=bibtex',
      { cookie },
    );
    for (const canary of hidden()) {
      for (const id of [canary.id, canary.imageId]) {
        expect(answer(`/documents/${id}`)).toMatchObject({ status: 404, scanned: missing.scanned });
        expect(answer(`/api/documents/${id}`)).toMatchObject({
          status: 404,
          scanned: missingApi.scanned,
        });
        expect(answer(`/media/${id}/original`)).toMatchObject({
          status: 404,
          scanned: missingMedia.scanned,
        });
      }
      for (const format of CITE_FORMATS) {
        expect(answer(`/documents/${canary.id}/cite?format=${format}`)).toMatchObject({
          status: 404,
          scanned: missingCite.scanned,
        });
      }
      // Its number, typed whole, is a number no document has.
      expect(
        (answer(`/api/search?q=${encodeURIComponent(canary.number)}`).json as { number: unknown })
          .number,
      ).toEqual({ sought: canary.number, exact: 0 });
      expect(answer(`/media/${canary.imageId}/320.webp`).status).toBe(404);
      expect(answer(`/browse/issuer/${canary.issuer}`)).toMatchObject({
        status: 404,
        scanned: missingBrowse.scanned,
      });
    }
  });

  it('shows everything within the clearance', () => {
    const visible = shown();
    const all = answer('/api/search?q=&perPage=100').json as {
      total: number;
      facets: Record<string, Record<string, number>>;
    };
    // The target, the note, and a text and an image per visible level.
    expect(all.total).toBe(2 + 2 * visible.length);
    expect(Object.keys(all.facets['classification'] ?? {}).sort()).toEqual(
      visible.map((c) => c.level).sort(),
    );
    const issuers = answer('/api/facets/issuer?q=Kanary').json as { values: { value: string }[] };
    expect(issuers.values.map((v) => v.value).sort()).toEqual(visible.map((c) => c.issuer).sort());
    const target = answer(`/api/documents/${archive.targetId}`).json as {
      relations: { incoming: { id: string }[] };
    };
    expect(target.relations.incoming.map((link) => link.id).sort()).toEqual(
      visible.map((c) => c.id).sort(),
    );
    const feed = answer('/feed.xml').body;
    for (const canary of visible) {
      expect(feed).toContain(canary.id);
      const found = answer(`/api/search?q=${encodeURIComponent(canary.word)}`).json as {
        hits: { id: string }[];
      };
      expect(found.hits.map((hit) => hit.id)).toContain(canary.id);
      const byNumber = answer(`/api/search?q=${encodeURIComponent(canary.number)}`).json as {
        number: { exact: number };
        hits: { id: string; numberMatch?: boolean }[];
      };
      expect(byNumber.number.exact).toBe(1);
      expect(byNumber.hits[0]).toMatchObject({ id: canary.id, numberMatch: true });
      for (const path of [
        `/documents/${canary.id}`,
        `/api/documents/${canary.id}`,
        `/media/${canary.id}/original`,
        `/media/${canary.imageId}/320.webp`,
        `/browse/issuer/${canary.issuer}`,
        ...CITE_FORMATS.map((format) => `/documents/${canary.id}/cite?format=${format}`),
      ]) {
        expect(answer(path).status, path).toBe(200);
      }
      expect(answer(`/documents/${archive.targetId}`).body).toContain(canary.id);
    }
  });

  it('harvests only public documents over OAI-PMH, whoever asks', () => {
    const listed = [
      ...answer('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc').body.matchAll(
        /<identifier>oai:vankho:([^<]+)<\/identifier>/g,
      ),
    ].map((m) => m[1]);
    const open = archive.canaries[0];
    // The public withdrawn document stays listed, as deleted (deletedRecord: persistent).
    const gone = archive.withdrawn[0]?.id;
    expect(listed.sort()).toEqual(
      [archive.targetId, archive.noteId, open?.id, open?.imageId, gone].sort(),
    );
    for (const canary of archive.canaries.slice(1)) {
      const record = answer(
        `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:vankho:${canary.id}`,
      );
      expect(record.body).toContain('code="idDoesNotExist"');
    }
  });

  it('lists only public documents in the sitemap, whoever asks', () => {
    const sitemaps = answers.filter((a) => a.path.startsWith('/sitemap/'));
    expect(sitemaps.length).toBeGreaterThan(0);
    const listed = sitemaps.flatMap((a) =>
      [...a.body.matchAll(/\/documents\/([^<]+)<\/loc>/g)].map((m) => m[1]),
    );
    const publicCanary = archive.canaries[0];
    expect(listed.sort()).toEqual(
      [archive.targetId, archive.noteId, publicCanary?.id, publicCanary?.imageId].sort(),
    );
  });

  it('marks every answer to a signed-in visitor private and uncacheable', () => {
    if (!user) return;
    const cacheable = answers.filter((a) => a.headers.get('cache-control') !== 'private, no-store');
    expect(cacheable.map((a) => a.path)).toEqual([]);
  });
});

describe('the ingest report', () => {
  it('names each copy whose own metadata differs from its twin, and what differs', () => {
    const copies = archive.conflicts.filter((c) => c.id === archive.noteId);
    expect(copies.map((c) => c.source).sort()).toEqual(
      CLASSIFICATIONS.filter((l) => l !== 'public')
        .map((l) => `${copyFolder(l)}/note-copy.txt`)
        .sort(),
    );
    for (const copy of copies) expect(copy.reason).toMatch(/classification: "\w[\w-]*" ≠ "public"/);
  });
});

describe('timing', () => {
  const PAIRS = 400;
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const half = sorted.length / 2;
    return ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
  };

  it.each([
    ['/documents/', ''],
    ['/api/documents/', ''],
    ['/media/', '/original'],
  ])(
    'answers %s of a restricted id and of a missing one in the same time (400 pairs, back to back)',
    async (prefix, suffix) => {
      const secret = archive.canaries.find((c) => c.level === 'secret');
      // A missing id of the same shape as a real one.
      const missing = `${secret?.id.replace(/[0-9a-f]{10}$/, '') ?? ''}0000000000`;
      const time = async (id: string | undefined) => {
        const started = performance.now();
        const response = await fetch(`${portal.url}${prefix}${id ?? ''}${suffix}`);
        await response.arrayBuffer();
        expect(response.status).toBe(404);
        return performance.now() - started;
      };
      const times = { restricted: [] as number[], missing: [] as number[] };
      const ratios: number[] = [];
      // 400, not 200: over 200 pairs the median ratio of one path ranged 0.95–1.20 between runs.
      for (let i = 0; i < PAIRS; i++) {
        // Each pair back to back, in turns first: the server's latency comes in phases (two
        // modes ~4 and ~7.5 ms here), which a comparison of two medians can straddle.
        const [restricted, absent] =
          i % 2 === 0
            ? [await time(secret?.id), await time(missing)]
            : [await time(missing), await time(secret?.id)].reverse();
        times.restricted.push(restricted ?? 0);
        times.missing.push(absent ?? 0);
        ratios.push((restricted ?? 0) / (absent ?? 1));
      }
      // Each order on its own, then their geometric mean: a server whose answers alternate slow
      // and fast (/media/ here: ~12 and ~4 ms, request after request, whatever the id) makes the
      // ratio of a pair depend on which went first, and the median of all pairs then lands in
      // either order's cluster (0.37 one order, 2.71 the other, in one run; 0.66 failed a CI run).
      const inOrder = (first: 0 | 1) => median(ratios.filter((_, i) => i % 2 === first));
      const ratio = Math.sqrt(inOrder(0) * inOrder(1));
      const restricted = median(times.restricted);
      const absent = median(times.missing);
      // Before the gate decided from the index, restricted answers took 2.3× as long, and 3 ms
      // added to the refused path alone gives 1.6–1.8×; equal paths gave 0.80–1.20 (run to run).
      expect(ratio, `${String(restricted)} ms vs ${String(absent)} ms`).toBeLessThan(1.35);
      expect(1 / ratio).toBeLessThan(1.35);
      console.log(
        `${prefix}…${suffix}: median ${restricted.toFixed(2)} ms restricted, ${absent.toFixed(2)} ms missing, ratio ${ratio.toFixed(2)} (restricted first ${inOrder(0).toFixed(2)}, missing first ${inOrder(1).toFixed(2)})`,
      );
    },
  );
});
