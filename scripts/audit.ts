/** npm run audit -- verify: checks the hash chain of DATA_DIR/audit.log; exit 1 when it is broken. */
import { auditFiles, verifyAudit } from '../src/access/audit.ts';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { loadConfig } from '../src/config/env.ts';

const USAGE = 'Usage: npm run audit -- verify';

runScript(USAGE, async () => {
  const { positionals } = parseCli(process.argv.slice(2), {}, true);
  if (positionals.length !== 1 || positionals[0] !== 'verify') {
    throw new UsageError(
      positionals[0] ? `Unknown command: ${positionals.join(' ')}` : 'A command is required',
    );
  }
  const { log } = auditFiles(loadConfig().dataDir);
  const report = await verifyAudit(loadConfig().dataDir);
  for (const { line, reason } of report.problems) console.log(`${log}:${String(line)}: ${reason}`);
  console.log(
    report.problems.length === 0
      ? `${log}: ${String(report.lines)} records, chain intact`
      : `${log}: ${String(report.lines)} records, ${String(report.problems.length)} problems`,
  );
  return report.problems.length === 0 ? 0 : 1;
});
