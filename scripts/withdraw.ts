/**
 * npm run withdraw -- <id> --reason "…" [--content-dir C]: withdraws a document
 * (a tombstone, never a deletion), records it in the audit trail, and takes it
 * out of the live index's listings.
 */
import os from 'node:os';
import { openAuditTrail } from '../src/access/audit.ts';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { fingerprints } from '../src/content/fingerprint.ts';
import { withdrawDocument, WithdrawError } from '../src/ingest/withdraw.ts';
import { withIndexTarget } from '../src/meili/session.ts';
import { applyChanges } from '../src/meili/sync.ts';

const USAGE = 'Usage: npm run withdraw -- <id> --reason "why" [--content-dir C]';

runScript(USAGE, async () => {
  const { values, positionals } = parseCli(
    process.argv.slice(2),
    { reason: { type: 'string' }, 'content-dir': { type: 'string' } },
    true,
  );
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError('Name one document id to withdraw.');
  if (values.reason === undefined) throw new UsageError('--reason is required: say why.');
  const config = configWithContentDir(values['content-dir']);
  const before = await fingerprints(config.contentDir);
  let withdrawal;
  try {
    withdrawal = await withdrawDocument(
      config.contentDir,
      id,
      values.reason,
      os.userInfo().username,
    );
  } catch (error) {
    if (error instanceof WithdrawError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  await openAuditTrail(config).record({
    event: 'withdraw',
    user: withdrawal.by,
    document: withdrawal.id,
    reason: withdrawal.reason,
    outcome: 'withdrawn',
  });
  console.log(`Withdrew ${withdrawal.id} on ${withdrawal.at}: ${withdrawal.reason}`);
  const after = await fingerprints(config.contentDir);
  // The live index keeps the tombstone only (an index that was not current is rebuilt).
  await withIndexTarget(config, (target) =>
    applyChanges(
      target,
      { before: before.full, after: after.full, quickAfter: after.quick },
      [id],
      [],
    ),
  );
  console.log('The index holds its tombstone only: it left search, browse, feeds and the sitemap.');
  return 0;
});
