/** npm run index [-- --content-dir D]: rebuilds the index from the content folder, atomically. */
import { parseCli, runScript } from '../src/cli/args.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { withIndexTarget } from '../src/meili/session.ts';
import { ensureIndexed } from '../src/meili/sync.ts';

const USAGE = 'Usage: npm run index [-- --content-dir D]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), { 'content-dir': { type: 'string' } });
  const config = configWithContentDir(values['content-dir']);
  const { contentDir } = config;
  const started = performance.now();
  const result = await withIndexTarget(config, (target) => ensureIndexed(target, true));
  for (const { file, reason } of result.invalid) console.log(`left out: ${file}: ${reason}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`indexed ${String(result.documents)} documents from ${contentDir} in ${seconds} s`);
  return result.invalid.length > 0 ? 1 : 0;
});
