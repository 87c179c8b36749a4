/**
 * npm run index [-- --content-dir D]: rebuilds the index from the content folder, atomically.
 * Ctrl-C (or SIGTERM) stops after the batch being sent; the next run goes on from there.
 */
import { parseCli, runScript } from '../src/cli/args.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { RebuildInterruptedError } from '../src/meili/indexer.ts';
import { withIndexTarget } from '../src/meili/session.ts';
import { ensureIndexed } from '../src/meili/sync.ts';

const USAGE = 'Usage: npm run index [-- --content-dir D]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), { 'content-dir': { type: 'string' } });
  const config = configWithContentDir(values['content-dir']);
  const { contentDir } = config;
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping after the batch being sent…`);
      stop.abort(new Error(`stopped by ${signal}`));
    });
  }
  const started = performance.now();
  let result;
  try {
    result = await withIndexTarget(config, (target) =>
      ensureIndexed(target, true, { signal: stop.signal }),
    );
  } catch (error) {
    if (!(error instanceof RebuildInterruptedError)) throw error;
    console.error(error.message);
    return 130;
  }
  for (const { file, reason } of result.invalid) console.log(`left out: ${file}: ${reason}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const resumed = result.resumedFrom
    ? ` (went on from ${String(result.resumedFrom)} documents sent by an earlier run; ${String(Math.round(result.seconds ?? 0))} s over all runs)`
    : '';
  console.log(
    `indexed ${String(result.documents)} documents from ${contentDir} in ${seconds} s${resumed}`,
  );
  return result.invalid.length > 0 ? 1 : 0;
});
