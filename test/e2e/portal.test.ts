import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSamplePortal } from '../helpers/sample-portal.ts';

const sample = useSamplePortal('e2e');

describe('the portal in a browser', () => {
  it('searches the sample archive, ticks a facet and opens a document', async () => {
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/`);
    await page.getByRole('searchbox', { name: 'Tìm văn bản', exact: true }).fill('so hoa tai lieu');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.waitForURL(/\/search\?q=so\+hoa/);
    const totalBefore = Number((await page.locator('.total').innerText()).match(/\d+/)?.[0]);
    expect(totalBefore).toBeGreaterThan(0);

    const facet = page.locator('[data-facet="type"] a').first();
    const value = await facet.getAttribute('data-value');
    const count = Number(await facet.locator('.count').innerText());
    await facet.click();
    await page.waitForURL(new RegExp(`type=${value ?? ''}`));
    await expect.poll(() => page.locator('.total').innerText()).toContain(String(count));
    expect(
      await page.locator('[data-facet="type"] a[aria-current="true"]').getAttribute('data-value'),
    ).toBe(value);
    const results = page.locator('.result');
    expect(await results.count()).toBe(Math.min(count, 20));

    const first = results.first().locator('h3 a');
    const title = await first.innerText();
    await first.click();
    await page.waitForURL(/\/documents\//);
    expect(await page.locator('h1').innerText()).toBe(title);
    expect(await page.locator('.provenance code').first().innerText()).toMatch(
      /\.(md|txt|html|docx|pdf|jpg)$/,
    );
    await page.close();
  });

  it('finds a document by its number as a card above the rest, and says when no document has the number', async () => {
    const found = (await (
      await fetch(`${sample().portal.url}/api/search?q=&type=resolution&perPage=1`)
    ).json()) as { hits: { id: string; number: string }[] };
    const target = found.hits[0];
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/search?q=${encodeURIComponent(target?.number ?? '')}`);
    const card = page.locator('.result').first();
    expect(await card.getAttribute('class')).toContain('number-match');
    expect(await card.locator('.badge').innerText()).toMatch(/đúng số ký hiệu/i);
    expect(await card.locator('h3 a').getAttribute('href')).toBe(`/documents/${target?.id ?? ''}`);
    expect(await page.locator('.notice').count()).toBe(0);

    // No document of the sample carries 57-NQ/TW: the page says so before the loose matches.
    const api = (await (await fetch(`${sample().portal.url}/api/search?q=57-NQ%2FTW`)).json()) as {
      number: { sought: string; exact: number };
      hits: { numberMatch?: boolean }[];
    };
    expect(api.number).toEqual({ sought: '57-NQ/TW', exact: 0 });
    expect(api.hits.some((hit) => hit.numberMatch)).toBe(false);
    await page.goto(`${sample().portal.url}/search?q=57-NQ%2FTW`);
    expect(await page.locator('.notice[role="status"]').innerText()).toBe(
      'Không có văn bản nào mang số “57-NQ/TW”. Các kết quả dưới đây chỉ gần đúng.',
    );
    expect(await page.locator('.number-match').count()).toBe(0);
    await page.close();
  });

  it("shows each result's validity, and says at the top of a replaced document what replaced it", async () => {
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/search?q=&status=repealed`);
    const statuses = await page.locator('.result .status').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Bị bãi bỏ']));

    // A document that replaces another: the other says so first, with a link back.
    const list = (await (
      await fetch(`${sample().portal.url}/api/search?q=&perPage=100`)
    ).json()) as {
      hits: { id: string }[];
    };
    let pair: { by: string; replaced: string } | undefined;
    for (const { id } of list.hits) {
      const doc = (await (await fetch(`${sample().portal.url}/api/documents/${id}`)).json()) as {
        relations: { outgoing: { type: string; id: string | null }[] };
      };
      const target = doc.relations.outgoing.find((r) => r.type === 'replaces' && r.id);
      if (target?.id) {
        pair = { by: id, replaced: target.id };
        break;
      }
    }
    expect(pair).toBeDefined();
    await page.goto(`${sample().portal.url}/documents/${pair?.replaced ?? ''}`);
    const banner = page.getByRole('note').filter({ hasText: 'đã được thay thế bởi' });
    expect(await banner.locator('a').getAttribute('href')).toBe(`/documents/${pair?.by ?? ''}`);
    expect(await page.locator('.banner-classified').count()).toBe(0);
    await page.close();
  });

  it('writes dates and sizes as people read them, and answers odd addresses helpfully', async () => {
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/search?q=&sort=issued:desc`);
    const meta = await page.locator('.result .meta').first().innerText();
    expect(meta).toMatch(/\b\d{2}\/\d{2}\/\d{4}$/);
    expect(meta).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.locator('.result h3 a').first().click();
    await page.waitForURL(/\/documents\//);
    const download = page.locator('a.download');
    expect(await download.innerText()).toMatch(
      /^Tải bản gốc \((TXT|MD|HTML|DOCX|PDF|JPG), \d+(,\d)? (byte|kB|MB)\)$/,
    );
    expect(await download.getAttribute('href')).toMatch(/^\/media\/[a-z0-9-]+\/original$/);
    const provenance = await page.locator('.provenance').innerText();
    expect(provenance).toMatch(/\d+(,\d)? (byte|kB|MB)/);
    expect(provenance).toMatch(/\d{2}:\d{2} UTC \d{2}\/\d{2}\/\d{4}/);

    await page.goto(`${sample().portal.url}/search?q=&page=9999`);
    const notice = await page.locator('.notice').innerText();
    expect(notice).toMatch(/^Không có trang 9999: kết quả chỉ có \d+ trang\. Đến trang \d+$/);
    expect(await page.locator('.pager').count()).toBe(0);

    const missing = await page.goto(`${sample().portal.url}/khong-co-trang-nay`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('link', { name: 'Về trang chủ' }).getAttribute('href')).toBe('/');
    const icon = await fetch(
      `${sample().portal.url}${(await page.locator('link[rel="icon"]').getAttribute('href')) ?? ''}`,
    );
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    await page.close();
  });

  it('searches by keyboard alone: skip link to the results, then the first result', async () => {
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Bỏ qua đến nội dung chính',
    );
    await page.getByRole('searchbox', { name: 'Tìm văn bản', exact: true }).focus();
    await page.keyboard.type('luu tru');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=luu\+tru/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ket-qua');
    // The order of the results comes first (a select and its button), then the first result.
    const stops: string[] = [];
    for (let press = 0; press < 3; press++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() =>
          document.activeElement?.closest('.result')
            ? 'result'
            : (document.activeElement?.tagName ?? ''),
        ),
      );
    }
    expect(stops).toEqual(['SELECT', 'BUTTON', 'result']);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/documents\//);
    await page.close();
  });

  it('lists every facet value behind "show more", and shows active filters as chips that remove them', async () => {
    const page = await sample().browser.newPage();
    await page.goto(`${sample().portal.url}/search?q=`);
    const subjects = page.locator('[data-facet="subjects"]');
    const more = subjects.locator('summary');
    const hidden = Number((await more.innerText()).match(/\d+/)?.[0]);
    expect(hidden).toBeGreaterThan(0);
    expect(await subjects.locator('a').count()).toBe(12 + hidden);
    const last = subjects.locator('details a').last();
    expect(await last.isVisible()).toBe(false);
    await more.click();
    expect(await last.isVisible()).toBe(true);
    const value = (await last.getAttribute('data-value')) ?? '';
    await last.click();
    await page.waitForURL(/subjects=/);

    await page.goto(`${page.url()}&type=resolution&issuedFrom=2010-01-01`);
    const chips = page.locator('.active li a');
    expect(await chips.allInnerTexts()).toEqual([
      'Loại văn bản: Nghị quyết ×',
      `Chủ đề: ${value} ×`,
      'Ban hành từ ngày 01/01/2010 – … ×',
    ]);
    await chips.nth(0).click();
    await page.waitForURL((url) => !url.searchParams.has('type'));
    expect(new URL(page.url()).searchParams.get('subjects')).toBe(value);
    await page.getByRole('link', { name: 'Bỏ tất cả bộ lọc' }).click();
    await page.waitForURL(
      (url) => !url.searchParams.has('subjects') && !url.searchParams.has('issuedFrom'),
    );
    expect(await page.locator('.active').count()).toBe(0);
    await page.close();
  });

  it('answers the API with 100+ public documents and the contract facets', async () => {
    const response = await fetch(`${sample().portal.url}/api/search?q=&perPage=1`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      total: number;
      hits: { url: string }[];
      facets: Record<string, unknown>;
    };
    expect(body.total).toBeGreaterThanOrEqual(100);
    for (const facet of ['type', 'issuer', 'year', 'language'])
      expect(body.facets).toHaveProperty(facet);
    const doc = await fetch(`${sample().portal.url}/api${body.hits[0]?.url ?? ''}`);
    expect(doc.status).toBe(200);
    expect(await doc.json()).toHaveProperty('sections');
    const bad = await fetch(`${sample().portal.url}/api/search?perPage=1000`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: 'invalid_parameter', message: expect.stringContaining('perPage') },
    });
    expect((await fetch(`${sample().portal.url}/documents/no-such-document`)).status).toBe(404);
    expect((await fetch(`${sample().portal.url}/api/documents/no-such-document`)).status).toBe(404);
  });

  it('sends security headers on pages, API answers and media', async () => {
    for (const path of [
      '/',
      '/search?q=lưu trữ',
      '/api/search?q=',
      '/documents/no-such-document',
    ]) {
      const response = await fetch(`${sample().portal.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('stops cleanly on Ctrl-C and leaves no Meilisearch behind', async () => {
    const pidFile = path.join(sample().dataDir, 'meili', 'server.json');
    const { pid } = JSON.parse(await fs.readFile(pidFile, 'utf8')) as { pid: number };
    expect(await fs.stat(`/proc/${String(pid)}`).then(() => true)).toBe(true);
    expect(await sample().portal.stop()).toBe(0);
    const stat = await fs.readFile(`/proc/${String(pid)}/stat`, 'utf8').catch(() => '');
    expect(stat === '' || /^\d+ \(.*\) Z/.test(stat)).toBe(true);
    await expect(fs.stat(pidFile)).rejects.toThrow();
  });
});
