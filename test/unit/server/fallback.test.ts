import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config/env.ts';
import { logger } from '../../../src/log.ts';
import { FallbackSearch } from '../../../src/server/fallback.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the fallback search’s build', () => {
  it('stopped with the server, is not logged as a failure', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = await tempDir();
    const errors = vi.spyOn(logger, 'error');
    try {
      const config = loadConfig({
        CONTENT_DIR: path.join(REPO_ROOT, 'content'),
        DATA_DIR: dir,
        FALLBACK_SEARCH: 'on',
      });
      const fallback = new FallbackSearch(config, REPO_ROOT);
      // No edition yet: starting begins a build of the 142 sample documents, which takes seconds.
      await fallback.start();
      await fallback.stop();
      // Long enough for the stopped build's exit to have been seen, had stop() not waited for it.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(errors).not.toHaveBeenCalled();
    } finally {
      await cleanup();
    }
  });
});
