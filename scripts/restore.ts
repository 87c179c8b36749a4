/**
 * npm run restore -- SNAPSHOT --content-dir C --data-dir D: a fresh content
 * folder and data folder from a backup snapshot (checked first), then the
 * search index rebuilt from the restored content.
 */
import path from 'node:path';
import { verifyAudit } from '../src/access/audit.ts';
import { RestoreError, restoreBackup } from '../src/backup/restore.ts';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { loadConfig } from '../src/config/env.ts';
import { withIndexTarget } from '../src/meili/session.ts';
import { ensureIndexed } from '../src/meili/sync.ts';

const USAGE = 'Usage: npm run restore -- SNAPSHOT --content-dir C --data-dir D';

runScript(USAGE, async () => {
  const { values, positionals } = parseCli(
    process.argv.slice(2),
    { 'content-dir': { type: 'string' }, 'data-dir': { type: 'string' } },
    true,
  );
  const [snapshot, ...extra] = positionals;
  if (!snapshot || extra.length > 0) throw new UsageError('Name one backup snapshot to restore.');
  if (!values['content-dir'] || !values['data-dir']) {
    throw new UsageError('--content-dir and --data-dir are required: the fresh folders to build.');
  }
  const contentDir = path.resolve(values['content-dir']);
  const dataDir = path.resolve(values['data-dir']);
  let check;
  try {
    check = await restoreBackup(path.resolve(snapshot), contentDir, dataDir);
  } catch (error) {
    if (error instanceof RestoreError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  console.log(
    `Restored ${String(check.files)} files (${String(check.bytes)} bytes) from ${snapshot}`,
  );
  const audit = await verifyAudit(dataDir);
  console.log(
    `audit trail: ${String(audit.lines)} records, ${audit.problems.length === 0 ? 'the chain verifies' : `${String(audit.problems.length)} problems`}`,
  );
  const config = { ...loadConfig(), contentDir, dataDir };
  const indexed = await withIndexTarget(config, (target) => ensureIndexed(target, true));
  console.log(`indexed ${String(indexed.documents)} documents`);
  return audit.problems.length === 0 && indexed.invalid.length === 0 ? 0 : 1;
});
