/**
 * One document presentation: the offline edition's page of a document shows
 * what the portal's page shows an anonymous visitor (the same rows, banners,
 * links in the text, graph, relations, provenance and citation, in the same
 * styles), because both render the same components (src/view/document).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/bench/static-server.ts';
import { exportEdition } from '../../src/export/edition.ts';
import { useSamplePortal } from '../helpers/sample-portal.ts';
import { screenshot } from '../helpers/screenshots.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const sample = useSamplePortal('edition-page');
let work: Awaited<ReturnType<typeof tempDir>>;
let edition: StaticServer;
let out: string;

interface Relations {
  id: string;
  relations: Record<
    'incoming' | 'outgoing',
    { url: string | null; target: string; shared?: { count: number } }[]
  >;
}

/** Every public document's view, as the portal's API gives it to an anonymous visitor. */
async function publicViews(): Promise<Relations[]> {
  const { hits } = (await (
    await fetch(`${sample().portal.url}/api/search?q=&classification=public&perPage=100`)
  ).json()) as { hits: { id: string }[] };
  return Promise.all(
    hits.map(
      async ({ id }) =>
        (await (await fetch(`${sample().portal.url}/api/documents/${id}`)).json()) as Relations,
    ),
  );
}

/** What Pagefind indexed of a page: the content of its fragment (gzip, after Pagefind's signature). */
async function indexedText(url: string): Promise<string> {
  const dir = path.join(out, 'pagefind', 'fragment');
  for (const name of await fs.readdir(dir)) {
    const text = gunzipSync(await fs.readFile(path.join(dir, name))).toString('utf8');
    const fragment = JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string };
    if (fragment.url === url) return fragment.content;
  }
  throw new Error(`No Pagefind fragment for ${url}`);
}

/** Where the page's links lead: the document id, or the link's text when it leads elsewhere. */
async function presentation(page: Page) {
  // Widths depend on the web font: measured once both pages have theirs.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans"'))).toBe(true);
  return page.evaluate(() => {
    const texts = (selector: string) =>
      [...document.querySelectorAll<HTMLElement>(selector)].map((el) => el.innerText.trim());
    const targets = (selector: string) =>
      // SVG links too, whose href is not a string: read the attribute.
      [...document.querySelectorAll(selector)].map(
        (a) =>
          /\/documents\/([^/?#]+)/.exec(
            new URL(a.getAttribute('href') ?? '', location.href).pathname,
          )?.[1] ?? a.textContent,
      );
    const style = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const css = getComputedStyle(el);
      return [css.display, css.borderTopColor, css.gridTemplateColumns, css.fontWeight].join(' ');
    };
    return {
      lang: document.documentElement.lang,
      title: texts('h1'),
      banners: texts('.banner'),
      labels: texts('.metadata dt'),
      values: texts('article > .metadata dd'),
      body: texts('.body'),
      bodyLinks: targets('.body a'),
      graph: targets('figure.graph a'),
      caption: texts('#graph-caption'),
      relations: texts('.relations li'),
      relationLinks: targets('.relations a'),
      citation: texts('#citation-text'),
      styles: ['.download', 'article > .metadata', '.banner', 'figure.graph .node'].map(style),
    };
  });
}

beforeAll(async () => {
  work = await tempDir('vankho-edition-page-');
  const probe = await sample().browser.newPage();
  await probe.goto(`${sample().portal.url}/`);
  const origin = new URL(sample().portal.url).origin;
  await probe.close();
  out = path.join(work.dir, 'edition');
  await exportEdition(path.join(REPO_ROOT, 'content'), out, { origin });
  edition = await serveStatic(out);
});
afterAll(async () => {
  await edition.close();
  await work.cleanup();
});

describe('the offline edition’s document page', () => {
  it('shows a document as the portal shows it to an anonymous visitor', async () => {
    const views = await publicViews();
    // A document linked both ways, so that the graph, both lists and the text's links show.
    const doc = views.find(
      (v) => v.relations.incoming.length > 0 && v.relations.outgoing.some((l) => l.url),
    );
    expect(doc).toBeDefined();
    const id = doc?.id ?? '';
    const live = await sample().browser.newPage();
    await live.goto(`${sample().portal.url}/documents/${id}`);
    const offline = await sample().browser.newPage();
    await offline.goto(`${edition.url}/documents/${id}/`);
    const [fromPortal, fromEdition] = [await presentation(live), await presentation(offline)];

    expect(fromPortal.labels.length).toBeGreaterThanOrEqual(8);
    expect(fromPortal.graph.length).toBeGreaterThan(0);
    expect(fromPortal.relations.length).toBeGreaterThan(0);
    expect(fromPortal.citation[0]).toContain(`/documents/${id}`);
    expect(fromEdition).toEqual(fromPortal);
    await screenshot(offline, 'edition-document');
    await live.close();
    await offline.close();
  });

  it('says how many documents carry a cited number, as the portal does, and lists them', async () => {
    const views = await publicViews();
    const doc = views.find((v) => v.relations.outgoing.some((l) => l.shared));
    const link = doc?.relations.outgoing.find((l) => l.shared);
    expect(link?.shared?.count).toBeGreaterThan(1);
    const live = await sample().browser.newPage();
    await live.goto(`${sample().portal.url}/documents/${doc?.id ?? ''}`);
    const offline = await sample().browser.newPage();
    await offline.goto(`${edition.url}/documents/${doc?.id ?? ''}/`);
    const said = `(${String(link?.shared?.count)} văn bản mang số này)`;
    for (const page of [live, offline]) {
      const shared = page.locator('.relations a', { hasText: said });
      await expect.poll(() => shared.count()).toBe(1);
      await shared.click();
      await page.waitForURL(/\/search\/?\?q=/);
      expect(new URL(page.url()).searchParams.get('q')).toBe(link?.target);
    }
    await live.close();
    await offline.close();
  });

  it('fetches the Vietnamese faces for a Vietnamese page, and not latin-ext, in both', async () => {
    // Both faces hold ă đ ơ ư: latin-ext (56 KB a weight) came with every page before.
    for (const url of [
      `${sample().portal.url}/`,
      `${edition.url}/search/?q=l%C6%B0u%20tr%E1%BB%AF`,
    ]) {
      // A context of its own: nothing from the memory cache of the pages before.
      const context = await sample().browser.newContext();
      const page = await context.newPage();
      const fonts: string[] = [];
      page.on('request', (request) => {
        // The portal's files carry Vite's hash after the name, the edition's do not.
        const name = /(noto-sans-[\w-]+-normal)[\w.-]*\.woff2$/.exec(request.url())?.[1];
        if (name) fonts.push(name);
      });
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text, url).toMatch(/[ơư]/);
      expect(fonts.sort(), url).toContain('noto-sans-vietnamese-400-normal');
      expect(
        fonts.filter((name) => name.includes('latin-ext')),
        url,
      ).toEqual([]);
      await page.close();
    }
  });

  it('indexes a page’s own words, not its citation, contents, relations or their graph', async () => {
    const views = await publicViews();
    const doc = views.find((v) => v.relations.outgoing.some((l) => l.shared));
    const id = doc?.id ?? '';
    const page = await sample().browser.newPage();
    await page.goto(`${edition.url}/documents/${id}/`);
    const shown = await page.evaluate(() => ({
      title: document.querySelector('h1')?.textContent ?? '',
      body: document.querySelector('.body')?.textContent ?? '',
      citation: document.querySelector('#citation-text')?.textContent ?? '',
      relations: [...document.querySelectorAll('.relations li')].map((li) => li.textContent),
    }));
    await page.close();
    const indexed = await indexedText(`/documents/${id}/`);
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(indexed).toContain(squash(shown.title));
    expect(indexed).toContain(squash(shown.body).slice(0, 80));
    expect(shown.citation.length).toBeGreaterThan(40);
    expect(indexed).not.toContain(squash(shown.citation).slice(0, 40));
    expect(shown.relations.length).toBeGreaterThan(0);
    expect(indexed).not.toContain('văn bản mang số này');
  });
});
