/**
 * WCAG 2.1 A/AA by axe-core on every page type, at desktop and phone widths:
 * the portal's pages must report no violation.
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir } from '../helpers/temp.ts';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let portal: PortalProcess;
let browser: Browser;
let data: { dir: string; cleanup: () => Promise<void> };
let axeSource: string;

beforeAll(async () => {
  data = await tempDir('vankho-a11y-');
  portal = await startPortalProcess({ DATA_DIR: data.dir });
  browser = await launchBrowser();
  axeSource = await fs.readFile(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
});

afterAll(async () => {
  await browser.close();
  if (portal.child.exitCode === null) await portal.stop();
  await data.cleanup();
});

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

async function pagePaths(): Promise<string[]> {
  const found = (await (
    await fetch(`${portal.url}/api/search?q=&type=resolution&perPage=1`)
  ).json()) as {
    hits: { id: string; number: string }[];
  };
  const doc = found.hits[0];
  return [
    '/',
    '/search?q=luu+tru',
    `/search?q=${encodeURIComponent(doc?.number ?? '')}`,
    '/search?q=57-NQ%2FTW',
    '/search?q=zzzzqqq',
    '/search?q=&page=9999',
    '/browse',
    '/browse/type',
    '/browse/type/resolution',
    `/documents/${doc?.id ?? ''}`,
    '/login',
    '/khong-co-trang-nay',
    // The English interface: the same pages, other strings.
    '/en/',
    '/en/search?q=luu+tru',
    `/en/documents/${doc?.id ?? ''}`,
  ];
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const [name, viewport] of Object.entries(WIDTHS)) {
    it(`reports no violation on any page type, ${name}`, async () => {
      // axe is injected by the test, not by the page: the page's CSP allows only its own scripts.
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      const found: string[] = [];
      const check = async () => {
        await page.evaluate(axeSource);
        return page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run: (options: object) => Promise<{ violations: Violation[] }> };
            }
          ).axe;
          const result = await axe.run({
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          });
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
          }));
        });
      };
      for (const path of await pagePaths()) {
        await page.goto(`${portal.url}${path}`);
        for (const v of await check()) {
          found.push(
            `${path}: ${v.id} (${String(v.impact)}): ${v.help} at ${JSON.stringify(v.nodes)}`,
          );
        }
      }
      // The harness itself can fail: an image without a text alternative is found.
      await page.goto(`${portal.url}/`);
      await page.evaluate(() =>
        document.querySelector('main')?.append(document.createElement('img')),
      );
      expect((await check()).map((v) => v.id)).toContain('image-alt');
      await context.close();
      expect(found).toEqual([]);
    });
  }
});
