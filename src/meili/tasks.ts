/**
 * Waiting for Meilisearch's tasks: every write is a task, awaited and checked,
 * never assumed (its envelope is never ignored).
 */
import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import { VankhoError } from '../errors.ts';

/** A Meilisearch task that ended in any state but `succeeded`. */
export class IndexTaskError extends VankhoError {
  override name = 'IndexTaskError';
}

// Settings, swaps, deletions: minutes at most.
const TASK_TIMEOUT_MS = 10 * 60_000;
// Documents: Meilisearch merges queued additions into batches, and at a million documents on two
// cores one batch has run for 20 minutes; a queue is given hours, checked every second.
const QUEUE_TIMEOUT_MS = 6 * 3600_000;
const QUEUE_POLL_MS = 1000;

export async function waitOk(pending: EnqueuedTaskPromise, what: string): Promise<Task> {
  return checked(await pending.waitTask({ timeout: TASK_TIMEOUT_MS, interval: 20 }), what);
}

export function checked(task: Task, what: string): Task {
  if (task.status !== 'succeeded') {
    const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
    throw new IndexTaskError(`Meilisearch could not ${what} (${reason})`, { cause: task.error });
  }
  return task;
}

/** Waits for tasks enqueued earlier, in order; each must have succeeded. */
export async function waitAll(client: Meilisearch, uids: number[], what: string): Promise<void> {
  for (const uid of uids) {
    const task = await client.tasks.waitForTask(uid, {
      timeout: QUEUE_TIMEOUT_MS,
      interval: QUEUE_POLL_MS,
    });
    checked(task, what);
  }
}

/**
 * Waits until every task queued on an index has finished, those of earlier
 * runs too (a resumed rebuild), and checks that none failed. An index's tasks
 * run in order, so the newest unfinished one finishing means all have. The
 * signal stops the wait (the queue goes on in Meilisearch).
 */
export async function settleQueue(
  client: Meilisearch,
  index: string,
  what: string,
  stop: (reason: unknown) => Error,
  signal?: AbortSignal,
): Promise<void> {
  const started = performance.now();
  for (;;) {
    const { results } = await client.tasks.getTasks({
      indexUids: [index],
      statuses: ['enqueued', 'processing'],
      limit: 1,
    });
    if (results.length === 0) break;
    if (signal?.aborted) throw stop(signal.reason);
    if (performance.now() - started > QUEUE_TIMEOUT_MS) {
      throw new IndexTaskError(
        `Meilisearch did not finish the queue of ${index} within ${String(QUEUE_TIMEOUT_MS / 3600_000)} h`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, QUEUE_POLL_MS));
  }
  const failed = await client.tasks.getTasks({
    indexUids: [index],
    statuses: ['failed', 'canceled'],
    limit: 1,
  });
  const task = failed.results[0];
  if (task) checked(task, what);
}
