/**
 * The English interface beside the Vietnamese one: the same pages under /en/,
 * a switch that keeps the page and the query, dates and messages in the
 * interface's language, and `lang` on a document's words in another language.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSamplePortal } from '../helpers/sample-portal.ts';
import { screenshot } from '../helpers/screenshots.ts';

const sample = useSamplePortal('language');

interface Hit {
  id: string;
  title: string;
  issued: string | null;
}

async function firstHit(query: string): Promise<Hit> {
  const response = await fetch(`${sample().portal.url}/api/search?${query}&perPage=1`);
  const hit = ((await response.json()) as { hits: Hit[] }).hits[0];
  if (!hit) throw new Error(`no document for ${query}`);
  return hit;
}

async function open(path: string): Promise<Page> {
  const page = await sample().browser.newPage();
  const response = await page.goto(`${sample().portal.url}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

describe('the English interface', () => {
  it('serves every page in English under /en/, html lang included', async () => {
    const page = await open('/en/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h2').first().innerText()).toBe('Browse by document type');
    await expect(page.getByRole('link', { name: 'Resolution' }).getAttribute('href')).resolves.toBe(
      '/en/browse/type/resolution',
    );
    const vietnamese = await open('/');
    expect(await vietnamese.getAttribute('html', 'lang')).toBe('vi');
    expect(await vietnamese.locator('h2').first().innerText()).toBe('Duyệt theo loại văn bản');
  });

  it('switches language on the same page with the same query, and stays in it while browsing', async () => {
    const page = await open('/search?q=luu+tru&type=resolution');
    const count = await page.locator('.result').count();
    expect(count).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/en\/search\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('luu tru');
    expect(url.searchParams.get('type')).toBe('resolution');
    expect(await page.locator('.result').count()).toBe(count);
    // Facets, chips and results lead to English pages.
    const facetLinks = await page
      .locator('.facets a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(facetLinks.length).toBeGreaterThan(0);
    for (const href of facetLinks) expect(href).toMatch(/^\/en\/search\?/);
    await page.locator('.result a').first().click();
    await page.waitForURL(/\/en\/documents\//);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('dt', { hasText: 'Issuer' }).count()).resolves.toBe(1);
    await screenshot(page, 'document-english');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.waitForURL((target) => target.pathname.startsWith('/documents/'));
    await expect(page.locator('dt', { hasText: 'Cơ quan ban hành' }).count()).resolves.toBe(1);
  });

  it('writes dates and validation messages in the interface language', async () => {
    const hit = await firstHit('q=&type=resolution&sort=issued:desc');
    const [year, month, day] = (hit.issued ?? '').split('-');
    const english = await open(`/en/documents/${hit.id}`);
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
      Date.parse(`${hit.issued ?? ''}T00:00:00Z`),
    );
    expect(await english.locator('dl.metadata').first().innerText()).toContain(
      `${String(Number(day))} ${monthName} ${year ?? ''}`,
    );
    const vietnamese = await open(`/documents/${hit.id}`);
    expect(await vietnamese.locator('dl.metadata').first().innerText()).toContain(
      `${day ?? ''}/${month ?? ''}/${year ?? ''}`,
    );
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/en/search?q=&issuedFrom=2020-13-45`);
    expect(await page.locator('.field-problem').first().innerText()).toBe(
      'Not a valid date: enter a real day, as day/month/year (14/08/1997).',
    );
  });

  it('marks a document’s words with their language when it is not the interface’s', async () => {
    const english = await firstHit('q=&language=en');
    const inVietnamese = await open(`/documents/${english.id}`);
    expect(await inVietnamese.getAttribute('h1', 'lang')).toBe('en');
    expect(await inVietnamese.getAttribute('.body', 'lang')).toBe('en');
    const inEnglish = await open(`/en/documents/${english.id}`);
    expect(await inEnglish.getAttribute('h1', 'lang')).toBeNull();

    const vietnamese = await firstHit('q=&language=vi');
    const page = await open(`/en/documents/${vietnamese.id}`);
    expect(await page.getAttribute('h1', 'lang')).toBe('vi');
    const results = await open(`/en/search?q=&language=hi`);
    expect(await results.getAttribute('.result h3', 'lang')).toBe('hi');
  });

  it('serves its own fonts, Devanagari included, fetched only for a page that needs them', async () => {
    const fonts = async (query: string) => {
      const hit = await firstHit(query);
      const page = await sample().browser.newPage();
      const fetched: string[] = [];
      page.on('response', (response) => {
        if (/\.woff2$/.test(response.url()) && response.ok()) fetched.push(response.url());
      });
      await page.goto(`${sample().portal.url}/documents/${hit.id}`);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return fetched.map((url) => new URL(url));
    };
    const hindi = await fonts('q=&language=hi');
    expect(hindi.every((url) => url.origin === sample().portal.url)).toBe(true);
    expect(hindi.some((url) => url.pathname.includes('devanagari'))).toBe(true);
    expect(hindi.some((url) => url.pathname.includes('vietnamese'))).toBe(true);
    const vietnamese = await fonts('q=&language=vi');
    expect(vietnamese.some((url) => url.pathname.includes('vietnamese'))).toBe(true);
    expect(vietnamese.some((url) => url.pathname.includes('devanagari'))).toBe(false);
  });

  it('takes an English-speaking researcher through a whole search, in English', async () => {
    const context = await sample().browser.newContext();
    const page = await context.newPage();
    await page.goto(`${sample().portal.url}/en/`);
    await page.getByRole('searchbox', { name: 'Search documents', exact: true }).fill('luu tru');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/search\?q=luu\+tru/);
    expect(await page.locator('.total').innerText()).toMatch(/^\d+ results$/);
    // Narrow by an issuer, then by the last ten years, then newest first.
    const issuer = page.locator('section[data-facet="issuer"] a').first();
    const issuerName = (await issuer.getAttribute('data-value')) ?? '';
    await issuer.click();
    await page.waitForURL(/issuer=/);
    await page.getByRole('link', { name: 'Last 10 years' }).click();
    await page.waitForURL(/issuedFrom=/);
    await page.locator('select[name="sort"]').selectOption('issued:desc');
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    await page.waitForURL(/sort=issued%3Adesc/);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/en/search');
    expect(url.searchParams.get('issuer')).toBe(issuerName);
    expect(await page.locator('.active li a').allInnerTexts()).toEqual(
      expect.arrayContaining([`Issuer: ${issuerName} ×`]),
    );
    // Follow the search, and take a citation of the first result away.
    const feed = await page
      .getByRole('link', { name: 'Follow this search (Atom)' })
      .getAttribute('href');
    const atom = await (await fetch(`${sample().portal.url}${feed ?? ''}`)).text();
    expect(atom).toContain('<feed');
    expect(await page.locator('.result').count()).toBeGreaterThan(0);
    await page.locator('.result a').first().click();
    await page.waitForURL(/\/en\/documents\//);
    const bibtex = await page.getByRole('link', { name: 'BibTeX' }).getAttribute('href');
    expect(await (await fetch(`${sample().portal.url}${bibtex ?? ''}`)).text()).toMatch(/^@/);
    expect(await page.getByRole('heading', { name: 'Cite' }).count()).toBe(1);
    // A number nobody has is said so, in English.
    await page.goto(`${sample().portal.url}/en/search?q=${encodeURIComponent('57-NQ/TW')}`);
    expect(await page.locator('.notice').first().innerText()).toContain(
      'No document has the number “57-NQ/TW”',
    );
    await context.close();
  });

  it('answers an unknown English page with an English 404', async () => {
    const page = await sample().browser.newPage();
    const response = await page.goto(`${sample().portal.url}/en/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Not found');
  });
});
