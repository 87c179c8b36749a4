/**
 * The offline edition's first search, as a visitor on a slow office link
 * meets it: bytes and requests from opening the search page to the first
 * results shown, and to the whole edition's ranking, in Chromium, from a plain
 * static server. Counted by the server: Chromium's own figures for a page
 * leave out a web worker's script.
 */
import type { Page, Route } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { round } from './measure.ts';
import { serveStatic, type StaticServer, type Traffic } from './static-server.ts';

export interface SearchTraffic {
  requests: number;
  kilobytes: number;
  bytes: number;
  /** From opening the page, on this machine (no network delay). */
  milliseconds: number;
  /** What was asked for, in order. */
  paths: string[];
}

/** To the first results shown; `complete`, to the list ranked over every bundle. */
export interface FirstSearch extends SearchTraffic {
  query: string;
  complete: SearchTraffic;
}

// The bundles after the first (search-index.ts): the search page asks them only once the
// first bundle's results are shown.
export const LATER_BUNDLES = /\/pagefind-\d+\//;
const QUIET_MS = 500;

/** The traffic once the server has answered nothing new for QUIET_MS. */
async function settled(server: StaticServer): Promise<Traffic> {
  let last = server.traffic();
  let quietSince = performance.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = server.traffic();
    if (now.requests !== last.requests || now.bytes !== last.bytes) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= QUIET_MS) {
      return now;
    }
  }
}

function counted(traffic: Traffic, milliseconds: number): SearchTraffic {
  return {
    requests: traffic.requests,
    kilobytes: round(traffic.bytes / 1024, 0),
    bytes: traffic.bytes,
    milliseconds: round(milliseconds, 0),
    paths: traffic.paths,
  };
}

/**
 * Holds a page's requests to the later bundles until `release`: what the first
 * results cost is then told apart from what the rest costs. `asked` settles
 * once the page has asked for one.
 */
export async function holdLaterBundles(page: Page): Promise<{
  held: Route[];
  asked: Promise<void>;
  release: () => Promise<void>;
}> {
  const held: Route[] = [];
  let askedForRest = (): void => undefined;
  const asked = new Promise<void>((resolve) => (askedForRest = resolve));
  let released = false;
  await page.route(LATER_BUNDLES, async (route) => {
    if (released) return route.continue();
    held.push(route);
    askedForRest();
  });
  const release = async (): Promise<void> => {
    released = true;
    await Promise.all(held.map((route) => route.continue()));
  };
  return { held, asked, release };
}

export async function measureFirstSearch(edition: string, query: string): Promise<FirstSearch> {
  const server = await serveStatic(edition);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // The page asks for the later bundles only after showing the first results.
    const { asked: rest, release } = await holdLaterBundles(page);
    const started = performance.now();
    await page.goto(`${server.url}/search/`);
    await page.locator('#search-input').fill(query);
    const firstResult = page.locator('#search-results a').first();
    const shown = firstResult.waitFor({ timeout: 60_000 });
    await Promise.race([shown, rest]);
    // The first bundle had nothing to show: the first results are the rest's.
    const none = (await firstResult.count()) === 0;
    if (none) await release();
    await shown;
    const firstMs = performance.now() - started;
    // Requests still in flight when the first result shows belong to it too.
    const first = counted(await settled(server), firstMs);
    // The time the counting held the rest back is not the page's: it is left out.
    const releasedAt = performance.now();
    if (!none) await release();
    await page.locator('#search-results[aria-busy="false"]').waitFor({
      state: 'attached',
      timeout: 120_000,
    });
    const completeMs = firstMs + (performance.now() - releasedAt);
    await page.waitForLoadState('networkidle');
    return { query, ...first, complete: counted(server.traffic(), completeMs) };
  } finally {
    await browser.close();
    await server.close();
  }
}
