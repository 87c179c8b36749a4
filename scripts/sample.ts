/** npm run sample -- --out DIR [--docs N] [--seed S]: writes a synthetic raw archive. */
import path from 'node:path';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { generateArchive } from '../src/sample/generate.ts';

const USAGE = 'Usage: npm run sample -- --out DIR [--docs N] [--seed S]';

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new UsageError(`--${name}: expected a whole number, got "${value}".`);
  return number;
}

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
    docs: wholeNumber(values.docs, 'docs', 200),
    seed: wholeNumber(values.seed, 'seed', 20241222),
  });
  console.log(`wrote ${String(result.documents)} documents to ${outDir}`);
  return 0;
});
