/** npm run fixity [-- --content-dir D]: re-hashes the stored originals and reports what changed. */
import path from 'node:path';
import { parseCli, runScript } from '../src/cli/args.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { checkFixity, fixityProblems } from '../src/content/fixity.ts';

const USAGE = 'Usage: npm run fixity [-- --content-dir D]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), { 'content-dir': { type: 'string' } });
  const config = configWithContentDir(values['content-dir']);
  const { contentDir } = config;
  const report = await checkFixity(contentDir, config.dataDir);
  for (const { file, expected, actual } of report.changed) {
    console.log(`changed: ${file} (expected sha256 ${expected}, found ${actual})`);
  }
  for (const { file, documents } of report.missing)
    console.log(`missing: ${file} (for ${documents.join(', ')})`);
  for (const file of report.untracked) console.log(`untracked: ${file}`);
  for (const { file, reason } of report.unreadable)
    console.log(`unreadable document: ${file}: ${reason}`);
  console.log(
    `${String(report.checked)} originals checked: ${String(report.ok)} intact, ${String(report.changed.length)} changed, ` +
      `${String(report.missing.length)} missing, ${String(report.untracked.length)} untracked ` +
      `(logged to ${path.join(config.dataDir, 'fixity.log')})`,
  );
  return fixityProblems(report) > 0 ? 1 : 0;
});
