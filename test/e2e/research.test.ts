/**
 * What researchers take away from the portal: citations (text, BibTeX, RIS,
 * CSL-JSON) with permalinks and machine-readable metadata, a search's Atom
 * feed, and its result set as CSV.
 */
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useSamplePortal } from '../helpers/sample-portal.ts';
import { screenshot } from '../helpers/screenshots.ts';

const sample = useSamplePortal('research');

describe('what a researcher takes away', () => {
  it('cites a document: text with its permalink, a copy button and BibTeX, RIS and CSL-JSON files', async () => {
    const found = (await (
      await fetch(`${sample().portal.url}/api/search?q=&type=resolution&perPage=1`)
    ).json()) as {
      hits: { id: string; url: string; number: string | null }[];
    };
    const hit = found.hits[0];
    expect(hit?.number).toBeTruthy();
    const context = await sample().browser.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(`${sample().portal.url}/documents/${hit?.id ?? ''}`);
    const text = (await page.locator('#citation-text').innerText()).trim();
    expect(text).toContain(hit?.number ?? '');
    const permalink = `${sample().portal.url}/documents/${hit?.id ?? ''}`;
    expect(text.endsWith(permalink)).toBe(true);
    // For machines: schema.org JSON-LD and the Dublin Core record OAI-PMH harvests.
    const jsonLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '',
    ) as Record<string, unknown>;
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Legislation',
      url: permalink,
      legislationIdentifier: hit?.number,
    });
    const dc = async (name: string) =>
      page
        .locator(`meta[name="${name}"]`)
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('content')));
    expect(await dc('DC.identifier')).toEqual([permalink, hit?.number]);
    expect(await dc('DC.title')).toEqual([await page.locator('h1').innerText()]);

    await page.getByRole('button', { name: 'Sao chép trích dẫn' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Đã sao chép trích dẫn.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'BibTeX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${hit?.id ?? ''}.bib`);
    const bib = await fs.readFile(await download.path(), 'utf8');
    expect(bib).toMatch(/^@legislation\{/);
    expect(bib).toContain(`number = {${hit?.number ?? ''}}`);
    await context.close();

    for (const [format, type, start] of [
      ['ris', 'application/x-research-info-systems', 'TY  - LEGAL'],
      ['csl-json', 'application/vnd.citationstyles.csl+json', '['],
    ] as const) {
      const response = await fetch(
        `${sample().portal.url}/documents/${hit?.id ?? ''}/cite?format=${format}`,
      );
      expect(response.headers.get('content-type')).toContain(type);
      expect((await response.text()).startsWith(start)).toBe(true);
    }
    const bad = await fetch(
      `${sample().portal.url}/documents/${hit?.id ?? ''}/cite?format=endnote`,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: 'invalid_parameter',
        message: 'format: "endnote" is not allowed; expected one of bibtex, ris, csl-json',
      },
    });
  });

  it('follows a search by its Atom feed: the same search, newest first', async () => {
    const page = await sample().browser.newPage();
    await page.goto(
      `${sample().portal.url}/search?q=${encodeURIComponent('lưu trữ')}&type=resolution`,
    );
    const link = page.getByRole('link', { name: 'Theo dõi tìm kiếm này (Atom)' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(
      `/feed.xml?q=${encodeURIComponent('lưu trữ').replace(/%20/g, '+')}&type=resolution`,
    );
    expect(
      await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'),
    ).toBe(href);
    const feed = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
      return {
        type: response.headers.get('content-type'),
        title: xml.querySelector('feed > title')?.textContent,
        self: xml.querySelector('feed > link[rel="self"]')?.getAttribute('href'),
        entries: [...xml.querySelectorAll('entry > id')].map((id) => id.textContent),
      };
    }, href);
    await page.close();
    expect(feed.type).toContain('application/atom+xml');
    expect(feed.title).toBe('Văn khố: văn bản mới cho “lưu trữ”');
    expect(feed.self).toBe(`${sample().portal.url}${href}`);
    const api = (await (
      await fetch(
        `${sample().portal.url}/api/search?q=${encodeURIComponent('lưu trữ')}&type=resolution&sort=issued:desc&perPage=50`,
      )
    ).json()) as { hits: { id: string }[] };
    expect(feed.entries.length).toBeGreaterThan(0);
    expect(feed.entries).toEqual(
      api.hits.map((hit) => `${sample().portal.url}/documents/${hit.id}`),
    );

    const bad = await fetch(`${sample().portal.url}/feed.xml?issuedFrom=2020-13-45`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('issuedFrom');
  });

  it('hands the result set over as CSV: the same documents, every column, 400 for a wrong parameter', async () => {
    const search = `q=${encodeURIComponent('lưu trữ')}&type=resolution`;
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/search?${search}`);
    const href = await page.getByRole('link', { name: 'Tải kết quả (CSV)' }).getAttribute('href');
    await page.close();
    expect(href).toBe(`/api/search.csv?${search.replace('%20', '+')}`);
    const response = await fetch(`${sample().portal.url}${href ?? ''}`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const records = parse<Record<string, string>>(await response.text(), { columns: true });
    const api = (await (
      await fetch(`${sample().portal.url}/api/search?${search}&perPage=100`)
    ).json()) as {
      total: number;
      hits: { id: string; title: string; number: string | null }[];
    };
    expect(api.total).toBeLessThan(100);
    expect(Number(response.headers.get('x-total-count'))).toBe(api.total);
    expect(records.map((record) => record['id']).sort()).toEqual(
      api.hits.map((hit) => hit.id).sort(),
    );
    const first = api.hits[0];
    expect(records.find((record) => record['id'] === first?.id)).toMatchObject({
      title: first?.title,
      number: first?.number ?? '',
      type: 'resolution',
      classification: 'public',
      url: `${sample().portal.url}/documents/${first?.id ?? ''}`,
    });
    const bad = await fetch(`${sample().portal.url}/api/search.csv?perPage=x`);
    expect(bad.status).toBe(400);
  });
});

describe('pictures where people would rather look', () => {
  it('draws documents per year on /browse/year as linked bars, without JavaScript', async () => {
    const facets = (await (
      await fetch(`${sample().portal.url}/api/search?q=&perPage=1`)
    ).json()) as {
      facets: { year: Record<string, number> };
    };
    const counts = facets.facets.year;
    const context = await sample().browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${sample().portal.url}/browse/year`);
    const bars = page.locator('figure.timeline rect');
    const drawn = Object.fromEntries(
      await bars.evaluateAll((rects) =>
        rects.map((rect) => [
          rect.getAttribute('data-year'),
          Number(rect.getAttribute('data-count')),
        ]),
      ),
    ) as Record<string, number>;
    expect(drawn).toEqual(Object.fromEntries(Object.entries(counts).map(([y, c]) => [y, c])));
    // The tallest bar is the year with the most documents.
    const heights = await bars.evaluateAll((rects) =>
      rects.map((rect) => [rect.getAttribute('data-year'), Number(rect.getAttribute('height'))]),
    );
    const tallest = heights.reduce((a, b) => ((b[1] as number) > (a[1] as number) ? b : a));
    const most = Object.entries(counts).reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(counts[String(tallest[0])]).toBe(most[1]);
    await screenshot(page, 'browse-year-timeline');
    await page.locator(`figure.timeline a:has(rect[data-year="${most[0]}"])`).click();
    await page.waitForURL(new RegExp(`/browse/year/${most[0]}`));
    expect(await page.locator('.result').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('draws a document’s neighbourhood with the documents the visitor may see, and only those', async () => {
    const { hits } = (await (
      await fetch(`${sample().portal.url}/api/search?q=&classification=public&perPage=100`)
    ).json()) as { hits: { id: string }[] };
    const views = await Promise.all(
      hits.map(async ({ id }) => {
        const body = (await (await fetch(`${sample().portal.url}/api/documents/${id}`)).json()) as {
          id: string;
          relations: Record<'incoming' | 'outgoing', { id: string | null; url: string | null }[]>;
        };
        return body;
      }),
    );
    // A document linked both ways (at most 8 a side: all drawn), one of its citations hidden
    // from this visitor if the sample has such a document.
    const drawable = views.filter(
      (v) =>
        v.relations.incoming.length > 0 &&
        v.relations.incoming.length <= 8 &&
        v.relations.outgoing.some((l) => l.url) &&
        v.relations.outgoing.filter((l) => l.url).length <= 8,
    );
    const doc =
      drawable.find((v) => v.relations.outgoing.some((l) => !l.url && l.id)) ?? drawable[0];
    expect(doc).toBeDefined();
    const expected = [...(doc?.relations.incoming ?? []), ...(doc?.relations.outgoing ?? [])]
      .flatMap((link) => (link.url ? [link.url] : []))
      .sort();
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/documents/${doc?.id ?? ''}`);
    const linked = (
      await page
        .locator('figure.graph a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
    ).sort();
    expect(linked).toEqual(expected);
    await screenshot(page, 'document-graph');
    for (const hidden of doc?.relations.outgoing.filter((l) => !l.url) ?? []) {
      expect(await page.locator('figure.graph').innerHTML()).not.toContain(String(hidden.id));
    }
    expect(await page.locator('#graph-caption').innerText()).toContain(
      String(doc?.relations.incoming.length),
    );
    await page.close();
  });
});
