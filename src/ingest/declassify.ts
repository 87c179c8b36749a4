/**
 * Declassification on schedule. A document may carry `declassify: { on, to }`;
 * from that day it is at level `to` on every path. The index says which are
 * due (declassifyTs), so a check costs one query whatever the archive's size;
 * each due document is rewritten under the ingest lock (classification, and
 * its sources filed at the old level), audited, and its index record replaced.
 */
import { AuditTrail } from '../access/audit.ts';
import { fingerprints } from '../content/fingerprint.ts';
import { readDocument, writeDocument } from '../content/store.ts';
import { guard } from '../meili/guard.ts';
import { liveIndexName } from '../meili/client.ts';
import type { SearchRecord } from '../meili/records.ts';
import { applyChanges, type IndexTarget } from '../meili/sync.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import { CLASSIFICATIONS, type Classification } from '../schema/document.ts';
import { lockContent } from './run-lock.ts';

// Due documents handled per check; the next check goes on with the rest.
const BATCH = 1_000;
const DAY = 86_400;

export interface Declassification {
  id: string;
  title: string;
  on: string;
  from: Classification;
  to: Classification;
}

export interface DeclassifyReport {
  applied: Declassification[];
  /** A schedule that cannot be applied (its level is not lower): named, left as it is. */
  problems: { id: string; reason: string }[];
}

const rank = (level: Classification) => CLASSIFICATIONS.indexOf(level);
const today = (now: Date) => now.toISOString().slice(0, 10);

async function scheduled(
  target: IndexTarget,
  filter: string,
): Promise<Pick<SearchRecord, 'docId' | 'title'>[]> {
  const result = await guard(() =>
    target.client.index<SearchRecord>(liveIndexName(target.prefix)).search('', {
      filter,
      attributesToRetrieve: ['docId', 'title'],
      limit: BATCH,
    }),
  );
  return result.hits;
}

/** Applies every declassification due by `now`; returns what was applied. */
export async function applyDueDeclassifications(
  target: IndexTarget,
  {
    now = new Date(),
    by = 'schedule',
    audit = new AuditTrail(target.dataDir),
  }: { now?: Date; by?: string; audit?: AuditTrail } = {},
): Promise<DeclassifyReport> {
  const report: DeclassifyReport = { applied: [], problems: [] };
  const due = await scheduled(target, `declassifyTs <= ${String(isoDateToTimestamp(today(now)))}`);
  if (due.length === 0) return report;
  const before = await fingerprints(target.contentDir);
  const release = await lockContent(target.contentDir);
  try {
    for (const { docId } of due) {
      const stored = await readDocument(target.contentDir, docId);
      const plan = stored?.meta.declassify;
      if (!stored || !plan || plan.on > today(now)) continue;
      const from = stored.meta.classification;
      if (rank(plan.to) >= rank(from)) {
        report.problems.push({
          id: docId,
          reason: `declassify.to "${plan.to}" is not below its classification "${from}"`,
        });
        continue;
      }
      const { declassify: _done, ...meta } = stored.meta;
      // The sources filed at the old level go down with it; a copy filed elsewhere keeps its own.
      const sources = meta.sources.map((source) =>
        source.classification === undefined || source.classification === from
          ? { ...source, classification: plan.to }
          : source,
      );
      await writeDocument(target.contentDir, {
        ...stored,
        meta: {
          ...meta,
          classification: plan.to,
          sources,
          declassified: { on: plan.on, from, at: now.toISOString() },
        },
      });
      report.applied.push({ id: docId, title: meta.title, on: plan.on, from, to: plan.to });
    }
  } finally {
    release();
  }
  for (const { id, on, from, to } of report.applied) {
    await audit.record({
      event: 'declassify',
      user: by,
      document: id,
      classification: to,
      reason: `${from} → ${to}, due ${on}`,
      outcome: 'declassified',
    });
  }
  if (report.applied.length > 0) {
    const after = await fingerprints(target.contentDir);
    await applyChanges(
      target,
      { before: before.full, after: after.full, quickAfter: after.quick },
      report.applied.map((applied) => applied.id),
      [],
    );
  }
  return report;
}

/** What falls due in the next `days` days (after today), soonest first. */
export async function upcomingDeclassifications(
  target: IndexTarget,
  days: number,
  now = new Date(),
): Promise<Declassification[]> {
  const start = isoDateToTimestamp(today(now));
  const hits = await scheduled(
    target,
    `declassifyTs > ${String(start)} AND declassifyTs <= ${String(start + days * DAY)}`,
  );
  const out: Declassification[] = [];
  for (const { docId, title } of hits) {
    const stored = await readDocument(target.contentDir, docId);
    const plan = stored?.meta.declassify;
    if (!stored || !plan) continue;
    out.push({ id: docId, title, on: plan.on, from: stored.meta.classification, to: plan.to });
  }
  return out.sort((a, b) => a.on.localeCompare(b.on) || a.id.localeCompare(b.id));
}
