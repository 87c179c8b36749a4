/**
 * The offline edition's first search, as a visitor on a slow office link
 * meets it: bytes and requests from opening the search page to the first
 * results shown, in Chromium, from a plain static server. Counted by the
 * server: Chromium's own figures for a page leave out a web worker's script.
 */
import { launchBrowser } from './browser.ts';
import { round } from './measure.ts';
import { serveStatic } from './static-server.ts';

export interface FirstSearch {
  query: string;
  requests: number;
  kilobytes: number;
  bytes: number;
  /** From opening the page to the first result shown, on this machine (no network delay). */
  milliseconds: number;
  /** What was asked for, in order. */
  paths: string[];
}

export async function measureFirstSearch(edition: string, query: string): Promise<FirstSearch> {
  const server = await serveStatic(edition);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const started = performance.now();
    await page.goto(`${server.url}/search/`);
    await page.locator('#search-input').fill(query);
    await page.locator('#search-results a').first().waitFor({ timeout: 60_000 });
    const milliseconds = performance.now() - started;
    // Requests still in flight when the first result shows belong to it too.
    await page.waitForLoadState('networkidle');
    const { requests, bytes, paths } = server.traffic();
    return {
      query,
      requests,
      kilobytes: round(bytes / 1024, 0),
      bytes,
      milliseconds: round(milliseconds, 0),
      paths,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
