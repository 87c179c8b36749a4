/**
 * The plain anchor alone, built straight from the sample generator: a size
 * whose portal run is in an earlier benchmark (a million documents take a
 * session to generate and ingest, another to index) gets its anchor in one
 * session without files or an ingest. Its index time and searches (the same
 * query mix, drawn from the generator's documents) stand beside that run's
 * portal figures; the two were not measured side by side, and the report says so.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/env.ts';
import { createClient } from '../meili/client.ts';
import { startMeili } from '../meili/server.ts';
import { drawSample } from '../sample/generate.ts';
import { BENCH_PREFIX } from './index-build.ts';
import { diskMb, round } from './measure.ts';
import {
  buildPlainIndex,
  plainRecordsFile,
  plainSearch,
  writePlainRecordsFromSample,
} from './plain.ts';
import { queryMixOf } from './queries.ts';
import { measureSearches, timed, type Measured } from './searches.ts';

export interface PlainOnlyBench {
  docs: number;
  /** Records in the plain index: photographs with an earlier one's bytes are copies, left out. */
  records: number;
  recordsSeconds: number;
  index: { plainSeconds: number };
  search: { plain: Measured };
  disk: { indexMb: number };
}

/** The collection an ingest of the bench's input folder (`input`) gives its documents. */
const COLLECTION = 'input';

export async function runPlainOnly(options: {
  docs: number;
  workDir: string;
  log: (line: string) => void;
  onStage?: (partial: Partial<PlainOnlyBench>) => Promise<void>;
}): Promise<PlainOnlyBench> {
  const { docs, workDir, log } = options;
  await fs.rm(workDir, { recursive: true, force: true });
  await fs.mkdir(workDir, { recursive: true });
  const file = plainRecordsFile(workDir);
  log(`plain records of ${String(docs)} sample documents, from the generator…`);
  const started = performance.now();
  const records = await writePlainRecordsFromSample(drawSample(docs), file, COLLECTION);
  const result: Partial<PlainOnlyBench> = {
    docs,
    records,
    recordsSeconds: round((performance.now() - started) / 1000, 1),
  };
  await options.onStage?.(result);
  const dataDir = path.join(workDir, 'data');
  const meili = await startMeili({ ...loadConfig({}), dataDir });
  try {
    const client = createClient(meili.url, meili.masterKey);
    log(`plain index of ${String(records)} records…`);
    result.index = {
      plainSeconds: round(await buildPlainIndex(meili, client, BENCH_PREFIX, file), 2),
    };
    await fs.rm(file);
    result.disk = { indexMb: await diskMb(path.join(dataDir, 'meili')) };
    await options.onStage?.(result);
    log('plain searches…');
    const mix = await queryMixOf(
      (function* () {
        for (const { doc } of drawSample(docs)) yield doc;
      })(),
    );
    const plain = plainSearch(meili, BENCH_PREFIX, mix);
    // Every query once, untimed: after a build the index is not all in the page cache.
    for (let i = 0; i < mix.length; i++) await timed(() => plain(i));
    result.search = await measureSearches({ plain }, mix.length);
  } finally {
    await meili.stop();
  }
  return result as PlainOnlyBench;
}
