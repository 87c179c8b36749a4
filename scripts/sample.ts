/** npm run sample -- --out DIR [--docs N] [--seed S]: writes a synthetic raw archive. */
import path from 'node:path';
import { parseCli, runScript, UsageError, wholeNumberOption } from '../src/cli/args.ts';
import { DEFAULT_SEED, generateArchive } from '../src/sample/generate.ts';

const USAGE = 'Usage: npm run sample -- --out DIR [--docs N] [--seed S]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    out: { type: 'string' },
    docs: { type: 'string' },
    seed: { type: 'string' },
  });
  if (!values.out) throw new UsageError('--out is required.');
  const outDir = path.resolve(values.out);
  const result = await generateArchive({
    outDir,
    docs: wholeNumberOption('docs', values.docs, 0) ?? 200,
    seed: wholeNumberOption('seed', values.seed, 0) ?? DEFAULT_SEED,
  });
  console.log(`wrote ${String(result.documents)} documents to ${outDir}`);
  return 0;
});
