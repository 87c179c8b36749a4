/**
 * Screenshots the e2e tests write of the pages they check, for people to look
 * at (test/.screenshots/, not committed): what a journey looked like, page by page.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './temp.ts';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test', '.screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
