/**
 * The portal on the repository's sample archive, started once per test file
 * with its own data folder, and a browser beside it: what most e2e files need.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startPortalProcess, type PortalProcess } from './portal.ts';
import { tempDir } from './temp.ts';

export interface SamplePortal {
  portal: PortalProcess;
  browser: Browser;
  dataDir: string;
}

/** Registers the file's beforeAll/afterAll; the returned getter is valid inside tests. */
export function useSamplePortal(
  name: string,
  env: Record<string, string> = {},
): () => SamplePortal {
  let started: SamplePortal | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const data = await tempDir(`vankho-${name}-`);
    cleanup = data.cleanup;
    const portal = await startPortalProcess({ DATA_DIR: data.dir, ...env });
    started = { portal, browser: await launchBrowser(), dataDir: data.dir };
  });
  afterAll(async () => {
    await started?.browser.close();
    if (started && started.portal.child.exitCode === null) await started.portal.stop();
    await cleanup?.();
  });
  return () => {
    if (!started) throw new Error('the sample portal is not started yet');
    return started;
  };
}
