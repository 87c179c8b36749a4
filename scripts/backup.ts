/**
 * npm run backup -- --out D [--content-dir C]: a snapshot of the archive into
 * the backup folder D (incremental: unchanged files are linked from the newest
 * earlier snapshot there). npm run backup -- --verify S: checks a snapshot.
 */
import { auditChain } from '../src/access/audit.ts';
import path from 'node:path';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { startProgress } from '../src/cli/progress.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { BackupUsageError, writeBackup } from '../src/backup/snapshot.ts';
import { verifyBackup } from '../src/backup/verify.ts';

const USAGE =
  'Usage: npm run backup -- --out D [--content-dir C]\n       npm run backup -- --verify SNAPSHOT';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    out: { type: 'string' },
    verify: { type: 'string' },
    'content-dir': { type: 'string' },
  });
  if (values.verify !== undefined) {
    if (values.out !== undefined) throw new UsageError('--verify and --out: one or the other.');
    const snapshot = path.resolve(values.verify);
    const check = await verifyBackup(snapshot);
    for (const problem of check.problems) console.log(`problem: ${problem}`);
    console.log(
      `${snapshot}: ${String(check.files)} files, ${String(check.bytes)} bytes, ${check.problems.length === 0 ? 'verified' : `${String(check.problems.length)} problems`}`,
    );
    return check.problems.length === 0 ? 0 : 1;
  }
  if (!values.out)
    throw new UsageError('--out is required: the backup folder to add a snapshot to.');
  const config = configWithContentDir(values['content-dir']);
  const progress = startProgress('backup');
  let done = 0;
  let report;
  try {
    report = await writeBackup(config.contentDir, config.dataDir, path.resolve(values.out), {
      audit: auditChain(config),
      onFile: () => {
        progress.update(++done, '');
      },
    });
  } catch (error) {
    if (error instanceof BackupUsageError) throw new UsageError(error.message, { cause: error });
    throw error;
  } finally {
    progress.stop();
  }
  console.log(
    `Backed up ${String(report.files)} files (${String(report.bytes)} bytes: ${String(report.copied)} copied, ${String(report.linked)} unchanged and linked${report.base ? ` from ${report.base}` : ''}) to ${report.snapshot} in ${report.seconds.toFixed(1)} s; audit head ${report.auditHead ?? 'none'}`,
  );
  return 0;
});
