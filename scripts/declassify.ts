/**
 * npm run declassify [-- --upcoming [--days N]] [--content-dir C]: applies the
 * declassifications due today (the portal does so at start and hourly), or
 * lists those due in the next N days (90 by default).
 */
import os from 'node:os';
import { parseCli, runScript, wholeNumberOption } from '../src/cli/args.ts';
import { openAuditTrail } from '../src/access/audit.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { applyDueDeclassifications, upcomingDeclassifications } from '../src/ingest/declassify.ts';
import { withIndexTarget } from '../src/meili/session.ts';
import { ensureIndexed } from '../src/meili/sync.ts';

const USAGE = 'Usage: npm run declassify -- [--upcoming [--days N]] [--content-dir C]';

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    upcoming: { type: 'boolean' },
    days: { type: 'string' },
    'content-dir': { type: 'string' },
  });
  const days = wholeNumberOption('days', values.days, 1, 3650) ?? 90;
  const config = configWithContentDir(values['content-dir']);
  return withIndexTarget(config, async (target) => {
    // The schedule is read from the index: it must hold what the content folder holds.
    await ensureIndexed(target);
    if (values.upcoming) {
      const upcoming = await upcomingDeclassifications(target, days);
      for (const { id, on, from, to, title } of upcoming) {
        console.log(`${on}\t${id}\t${from} → ${to}\t${title}`);
      }
      console.log(
        `${String(upcoming.length)} declassifications due in the next ${String(days)} days`,
      );
      return 0;
    }
    const { applied, problems } = await applyDueDeclassifications(target, {
      by: os.userInfo().username,
      audit: openAuditTrail(config),
    });
    for (const { id, on, from, to } of applied)
      console.log(`declassified ${id}: ${from} → ${to} (due ${on})`);
    for (const { id, reason } of problems) console.log(`not declassified: ${id}: ${reason}`);
    console.log(`${String(applied.length)} declassified, ${String(problems.length)} problems`);
    return problems.length > 0 ? 1 : 0;
  });
});
