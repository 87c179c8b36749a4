/** npm run index [-- --content-dir D]: rebuilds the index from the content folder, atomically. */
import path from 'node:path';
import { parseCli, runScript } from '../src/cli/args.ts';
import { loadConfig } from '../src/config/env.ts';
import { withIndexTarget } from '../src/meili/session.ts';
import { ensureIndexed } from '../src/meili/sync.ts';

const USAGE = 'Usage: npm run index [-- --content-dir D]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), { 'content-dir': { type: 'string' } });
  const config = loadConfig();
  const contentDir = values['content-dir']
    ? path.resolve(values['content-dir'])
    : config.contentDir;
  const started = performance.now();
  const result = await withIndexTarget({ ...config, contentDir }, (target) =>
    ensureIndexed(target, true),
  );
  for (const { file, reason } of result.invalid) console.log(`left out: ${file}: ${reason}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`indexed ${String(result.documents)} documents from ${contentDir} in ${seconds} s`);
  return result.invalid.length > 0 ? 1 : 0;
});
