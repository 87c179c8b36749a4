import { ingest, type IngestOptions, type IngestReport } from '../../src/ingest/pipeline.ts';

type Listed = { source: string; id: string }[];

/** An ingest run with the per-file entries it reported gathered, in source order, for assertions. */
export async function ingestListed(
  options: IngestOptions,
): Promise<IngestReport & { ingested: Listed; unchanged: Listed }> {
  const ingested: Listed = [];
  const unchanged: Listed = [];
  const report = await ingest({
    ...options,
    onEntry: (entry) => {
      options.onEntry?.(entry);
      if (entry.outcome === 'ingested') ingested.push({ source: entry.source, id: entry.id });
      if (entry.outcome === 'unchanged') unchanged.push({ source: entry.source, id: entry.id });
    },
  });
  const bySource = (a: { source: string }, b: { source: string }) =>
    a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
  return { ...report, ingested: ingested.sort(bySource), unchanged: unchanged.sort(bySource) };
}
