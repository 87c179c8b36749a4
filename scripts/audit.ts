/**
 * npm run audit -- verify: checks the hash chain of the audit trail (Redis when
 * REDIS_URL is set, else DATA_DIR/audit.log); exit 1 when it is broken.
 * npm run audit -- import: loads DATA_DIR/audit.log (a restored backup) into a
 * Redis that holds no trail yet, once it verifies.
 */
import { auditChain, verifyAudit } from '../src/access/audit.ts';
import { FileChain } from '../src/access/audit-file.ts';
import { RedisChain } from '../src/access/audit-redis.ts';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { loadConfig } from '../src/config/env.ts';

const USAGE = 'Usage: npm run audit -- verify | import';

runScript(USAGE, async () => {
  const { positionals } = parseCli(process.argv.slice(2), {}, true);
  const command = positionals.length === 1 ? positionals[0] : undefined;
  if (command !== 'verify' && command !== 'import') {
    throw new UsageError(
      positionals[0] ? `Unknown command: ${positionals.join(' ')}` : 'A command is required',
    );
  }
  const config = loadConfig();
  const chain = command === 'import' ? new FileChain(config.dataDir) : auditChain(config);
  const report = await verifyAudit(chain);
  for (const { line, reason } of report.problems)
    console.log(`${chain.where}:${String(line)}: ${reason}`);
  console.log(
    report.problems.length === 0
      ? `${chain.where}: ${String(report.lines)} records, chain intact`
      : `${chain.where}: ${String(report.lines)} records, ${String(report.problems.length)} problems`,
  );
  if (report.problems.length > 0) return 1;
  if (command === 'verify') return 0;
  const target = auditChain(config);
  if (!(target instanceof RedisChain)) {
    throw new UsageError('import: REDIS_URL is not set; the trail is already where it is kept.');
  }
  const { lines, head } = await chain.read();
  const count = await target.importFrom(lines, await head());
  console.log(`imported ${String(count)} records into ${target.where}`);
  return 0;
});
