/**
 * `npm run bench -- --faults`: the kill -9 campaign, on the benchmark's
 * archive, each fault measured:
 * - Meilisearch killed under a running portal: how many searches failed (503,
 *   never 500) and how long until the portal had restarted it and answered;
 * - the portal killed while serving: how long a new one takes to answer, and
 *   whether the audit trail still verifies;
 * - an ingest killed mid-run (re-reading every file): whether the next run
 *   finishes cleanly, and in how long.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readState } from '../meili/registry.ts';
import { exited, round, runChild } from './measure.ts';
import { startServer } from './server.ts';
import { BENCH_PREFIX } from './index-build.ts';

export interface FaultsBench {
  meiliKilled: {
    failedSearches: number;
    status5xx: Record<string, number>;
    recoverySeconds: number;
  };
  portalKilled: { restartSeconds: number; auditVerifies: boolean };
  ingestKilled: { killedAfterSeconds: number; nextRunSeconds: number; nextRunExit: number | null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureFaults(paths: {
  root: string;
  input: string;
  content: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}): Promise<FaultsBench> {
  // The portal manages its own Meilisearch here (no MEILI_URL): it must restart it.
  const env = {
    ...paths.env,
    CONTENT_DIR: paths.content,
    DATA_DIR: paths.dataDir,
    INDEX_PREFIX: BENCH_PREFIX,
  };
  let server = await startServer(paths.root, env);
  let meiliKilled: FaultsBench['meiliKilled'];
  try {
    const state = await readState(path.join(paths.dataDir, 'meili'));
    if (!state) throw new Error('the portal recorded no Meilisearch of its own');
    const status5xx: Record<string, number> = {};
    let failedSearches = 0;
    const started = performance.now();
    process.kill(state.pid, 'SIGKILL');
    for (let i = 0; ; i++) {
      const answer = await fetch(
        `${server.url}/api/search?q=ngh%E1%BB%8B+quy%E1%BA%BFt&page=${String((i % 5) + 1)}`,
      );
      await answer.arrayBuffer();
      if (answer.ok && i > 0) break;
      if (!answer.ok) {
        failedSearches++;
        status5xx[String(answer.status)] = (status5xx[String(answer.status)] ?? 0) + 1;
      }
      if (performance.now() - started > 300_000)
        throw new Error('search did not come back in 5 minutes');
      await sleep(100);
    }
    meiliKilled = {
      failedSearches,
      status5xx,
      recoverySeconds: round((performance.now() - started) / 1000, 2),
    };
  } catch (error) {
    server.child.kill('SIGTERM');
    await exited(server.child);
    throw error;
  }

  // The portal itself, killed while it serves: a new one takes over.
  server.child.kill('SIGKILL');
  await exited(server.child);
  const restarted = performance.now();
  server = await startServer(paths.root, env);
  const restartSeconds = round((performance.now() - restarted) / 1000, 2);
  server.child.kill('SIGTERM');
  await exited(server.child);
  const audit = await runChild(
    process.execPath,
    [path.join(paths.root, 'scripts', 'audit.ts'), 'verify'],
    env,
  );

  // An ingest that reads every file again, killed part way.
  const ingestArgs = [
    path.join(paths.root, 'scripts', 'ingest.ts'),
    paths.input,
    '--content-dir',
    paths.content,
    '--no-index',
  ];
  const killedAfterSeconds = 10;
  const doomed = spawn(process.execPath, [...ingestArgs, '--rehash'], { env, stdio: 'ignore' });
  await sleep(killedAfterSeconds * 1000);
  doomed.kill('SIGKILL');
  await exited(doomed);
  const next = await runChild(process.execPath, ingestArgs, env);
  return {
    meiliKilled,
    portalKilled: { restartSeconds, auditVerifies: audit.code === 0 },
    ingestKilled: { killedAfterSeconds, nextRunSeconds: next.seconds, nextRunExit: next.code },
  };
}
