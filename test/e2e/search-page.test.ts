/**
 * The search page as staff use it on a desk and on a phone: sort above the
 * results, ready-made date ranges, a filter box on long facet lists, and on a
 * phone a filter drawer that leaves the first result on the first screen.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useSamplePortal } from '../helpers/sample-portal.ts';
import { screenshot } from '../helpers/screenshots.ts';

const sample = useSamplePortal('search-page');
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 900 };

async function openSearch(query: string, viewport = DESK) {
  const context = await sample().browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  const response = await page.goto(`${sample().portal.url}/search?${query}`);
  expect(response?.status()).toBe(200);
  return page;
}

describe('the search page', () => {
  it('on a phone, folds the filters into a drawer and shows the first result on the first screen', async () => {
    const page = await openSearch('q=luu+tru&type=resolution', PHONE);
    const first = await page.locator('.result').first().boundingBox();
    expect(first).not.toBeNull();
    expect((first?.y ?? Infinity) + 40).toBeLessThan(PHONE.height);
    const drawer = page.locator('details.filters');
    expect(await drawer.getAttribute('open')).toBeNull();
    const summary = page.locator('details.filters > summary');
    expect(await summary.innerText()).toMatch(/Bộ lọc · 1 đang dùng/);
    expect(await page.locator('section[data-facet="issuer"]').isVisible()).toBe(false);
    await screenshot(page, 'search-phone-drawer-closed');
    await summary.click();
    await screenshot(page, 'search-phone-drawer-open');
    expect(await page.locator('section[data-facet="issuer"]').isVisible()).toBe(true);
  });

  it('on a desk, shows the filters beside the results without a drawer', async () => {
    const page = await openSearch('q=luu+tru');
    expect(await page.locator('details.filters > summary').isVisible()).toBe(false);
    expect(await page.locator('section[data-facet="issuer"]').isVisible()).toBe(true);
    expect(await page.locator('input[name="issuedFrom"]').isVisible()).toBe(true);
    await screenshot(page, 'search-desktop');
  });

  it('sorts from above the results, keeping the filters', async () => {
    const page = await openSearch('q=&type=resolution');
    const sort = page.locator('select[name="sort"]');
    const firstResult = page.locator('.result').first();
    // Above the results, in reading order.
    expect(
      await sort.evaluate(
        (select, result) =>
          Boolean(
            select.compareDocumentPosition(result as Node) & Node.DOCUMENT_POSITION_FOLLOWING,
          ),
        await firstResult.elementHandle(),
      ),
    ).toBe(true);
    await sort.selectOption('issued:asc');
    await page.getByRole('button', { name: 'Sắp xếp' }).click();
    await page.waitForURL(/sort=issued%3Aasc/);
    expect(new URL(page.url()).searchParams.get('type')).toBe('resolution');
    const api = (await (
      await fetch(`${sample().portal.url}/api/search?q=&type=resolution&sort=issued:asc&perPage=1`)
    ).json()) as { hits: { title: string }[] };
    expect(await page.locator('.result h3').first().innerText()).toBe(api.hits[0]?.title);
  });

  it('offers ready-made date ranges counted back from today', async () => {
    const page = await openSearch('q=');
    await page.getByRole('link', { name: '10 năm qua' }).click();
    await page.waitForURL(/issuedFrom=/);
    const from = new URL(page.url()).searchParams.get('issuedFrom') ?? '';
    const expected = new Date();
    expected.setUTCFullYear(expected.getUTCFullYear() - 10);
    expect(from).toBe(expected.toISOString().slice(0, 10));
    const [year, month, day] = from.split('-');
    expect(await page.locator('.active li a').first().innerText()).toContain(
      `${day ?? ''}/${month ?? ''}/${year ?? ''}`,
    );
    expect(await page.getByRole('link', { name: '10 năm qua' }).getAttribute('aria-current')).toBe(
      'true',
    );
    const total = (await (
      await fetch(`${sample().portal.url}/api/search?q=&issuedFrom=${from}&perPage=1`)
    ).json()) as { total: number };
    expect(await page.locator('.total').innerText()).toContain(String(total.total));
  });

  it('takes dates day first (14/08/1997) in an American browser too, and shows them so', async () => {
    const context = await sample().browser.newContext({ viewport: DESK, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${sample().portal.url}/search?q=`);
    const from = page.getByLabel('Từ ngày');
    expect(await from.getAttribute('placeholder')).toBe('ngày/tháng/năm');
    await from.fill('01/06/2015');
    await page.getByLabel('Đến ngày').fill('31/12/2019');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/issuedFrom=/);
    expect(await page.locator('#filter-issuedFrom').inputValue()).toBe('01/06/2015');
    expect(await page.locator('#filter-issuedTo').inputValue()).toBe('31/12/2019');
    const total = (await (
      await fetch(
        `${sample().portal.url}/api/search?q=&issuedFrom=2015-06-01&issuedTo=2019-12-31&perPage=1`,
      )
    ).json()) as { total: number };
    expect(total.total).toBeGreaterThan(0);
    expect(await page.locator('.total').innerText()).toContain(String(total.total));
    await context.close();
  });

  it('narrows a long facet list by typing, without diacritics, behind "show more" too', async () => {
    const page = await openSearch('q=');
    const subjects = page.locator('section[data-facet="subjects"]');
    const box = subjects.getByRole('searchbox');
    // Shown by the page's script, which runs once the page is parsed.
    await box.waitFor({ state: 'visible', timeout: 5000 });
    const all = await subjects
      .locator('li a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-value') ?? ''));
    // A subject listed behind "show more", typed as staff type it: folded, a word's start.
    const hidden = all.slice(12).find((value) => /\s/.test(value)) ?? '';
    expect(hidden).not.toBe('');
    const typed = hidden
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .split(/\s+/)
      .slice(-2)
      .map((word) => word.slice(0, 3).toLowerCase())
      .join(' ');
    await box.fill(typed);
    const shown = await subjects
      .locator('li:not([hidden]) a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-value') ?? ''));
    expect(shown).toContain(hidden);
    expect(shown.length).toBeLessThan(all.length);
    expect(await subjects.locator(`a[data-value="${hidden}"]`).isVisible()).toBe(true);
    await box.fill('zzzqqq');
    expect(await subjects.locator('[data-none]').isVisible()).toBe(true);
  });

  it('searches as you type: results swapped in, the count announced, no page load', async () => {
    const page = await openSearch('q=');
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const box = page.getByRole('searchbox', { name: 'Tìm văn bản', exact: true });
    await box.fill('');
    await box.pressSequentially('luu tru', { delay: 40 });
    await page.waitForURL(/\?q=luu\+tru$/);
    const api = (await (
      await fetch(`${sample().portal.url}/api/search?q=luu+tru&perPage=1`)
    ).json()) as { total: number };
    await expect.poll(() => page.locator('#live-status').innerText()).toContain(String(api.total));
    expect(await page.locator('.total').innerText()).toContain(String(api.total));
    // The same document all along: nothing was loaded but the results.
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    // The facets that came with the new results work as those of a loaded page.
    await page.locator('section[data-facet="subjects"] input[data-facet-filter]').waitFor();
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('sends at most 30 KB of JavaScript (gzipped) with the search page', async () => {
    const context = await sample().browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.url());
    });
    await page.goto(`${sample().portal.url}/search?q=luu+tru`);
    await page.waitForLoadState('networkidle');
    expect(scripts.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const url of scripts) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      bytes += gzipSync(body).length;
    }
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
    await context.close();
  });
});
