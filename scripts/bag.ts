/**
 * npm run bag -- --out D [--q Q] [--<facet> V]… [--issued-from DAY] [--issued-to DAY]
 * [--clearance L] [--source-organization NAME] [--content-dir C]: a BagIt 1.0
 * package of a search's documents, at or below the clearance (public by default).
 */
import os from 'node:os';
import path from 'node:path';
import { clearanceSchema } from '../src/access/accounts.ts';
import { openAuditTrail } from '../src/access/audit.ts';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { configWithContentDir } from '../src/config/env.ts';
import { BagUsageError, writeBag } from '../src/export/bag.ts';
import { t } from '../src/i18n/index.ts';
import { liveIndexName } from '../src/meili/client.ts';
import { withIndexTarget } from '../src/meili/session.ts';
import { ensureIndexed } from '../src/meili/sync.ts';
import { FACET_NAMES } from '../src/schema/facets.ts';
import { ValidationError } from '../src/schema/validate.ts';
import { parseSearchParams } from '../src/search/params.ts';
import { resultSet } from '../src/search/result-set.ts';

// Meilisearch reads at most this many hits of one search (settings.ts, maxTotalHits).
const MAX_DOCUMENTS = 100_000;
const USAGE = `Usage: npm run bag -- --out D [--q Q] [${FACET_NAMES.map((f) => `--${f} V`).join('] [')}]… [--issued-from DAY] [--issued-to DAY] [--clearance L] [--source-organization NAME] [--content-dir C]`;

runScript(USAGE, async () => {
  const { values } = parseCli(process.argv.slice(2), {
    out: { type: 'string' },
    q: { type: 'string' },
    clearance: { type: 'string' },
    'source-organization': { type: 'string' },
    'content-dir': { type: 'string' },
    'issued-from': { type: 'string' },
    'issued-to': { type: 'string' },
    ...Object.fromEntries(
      FACET_NAMES.map((facet) => [facet, { type: 'string' as const, multiple: true as const }]),
    ),
  });
  if (!values.out) throw new UsageError('--out is required: the folder to write the bag to.');
  const level = clearanceSchema.safeParse(values.clearance ?? 'public');
  if (!level.success) {
    throw new UsageError(
      `--clearance: expected one of ${clearanceSchema.options.join(', ')}, got "${String(values.clearance)}".`,
    );
  }
  const clearance = level.data;
  // The search as the portal reads it from a query string: one validation, the same names.
  const query = new URLSearchParams();
  if (values.q !== undefined) query.set('q', values.q);
  if (values['issued-from'] !== undefined) query.set('issuedFrom', values['issued-from']);
  if (values['issued-to'] !== undefined) query.set('issuedTo', values['issued-to']);
  for (const facet of FACET_NAMES) {
    const given = (values as Record<string, string[] | undefined>)[facet] ?? [];
    for (const value of given) query.append(facet, value);
  }
  let params;
  try {
    params = parseSearchParams(query);
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  const config = configWithContentDir(values['content-dir']);
  const out = path.resolve(values.out);
  const described = query.toString() ? `?${query.toString()}` : '(every document)';
  const report = await withIndexTarget(config, async (target) => {
    // The bag is made from the index: it must hold what the content folder holds now.
    await ensureIndexed(target);
    const backend = { client: target.client, index: liveIndexName(target.prefix) };
    const { total, hits } = await resultSet(backend, params, clearance, ['docId'], MAX_DOCUMENTS);
    if (total >= MAX_DOCUMENTS) {
      throw new UsageError(
        `The search finds ${String(total)} or more documents; a bag holds at most ${String(MAX_DOCUMENTS - 1)}: narrow it with --q, facets or dates.`,
      );
    }
    async function* ids() {
      for await (const hit of hits) yield hit.docId;
    }
    try {
      return await writeBag(config.contentDir, out, ids(), {
        clearance,
        query: described,
        sourceOrganization: values['source-organization'] ?? t('site.name'),
        origin: config.publicUrl,
        agent: 'Văn khố (npm run bag)',
      });
    } catch (error) {
      if (error instanceof BagUsageError) throw new UsageError(error.message, { cause: error });
      throw error;
    }
  });
  // Handing records out is recorded, as reading them is.
  await openAuditTrail(config).record({
    event: 'bag',
    user: os.userInfo().username,
    outcome: 'created',
    clearance,
    count: report.docs,
  });
  for (const { id, reason } of report.problems) console.log(`left out: ${id}: ${reason}`);
  console.log(
    `Bagged ${String(report.docs)} documents (${String(report.files)} files, ${String(report.bytes)} bytes) at ${clearance} to ${out} in ${report.seconds.toFixed(1)} s` +
      ` (${String(report.problems.length)} left out)`,
  );
  return report.problems.length > 0 ? 1 : 0;
});
