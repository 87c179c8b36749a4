/**
 * Sends a file of records (NDJSON) straight to Meilisearch, every batch at
 * once, and waits for all of them: how an index is loaded when nothing stands
 * between the records and the engine. The benchmark's raw and plain anchors.
 */
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import type { Meilisearch } from 'meilisearch';
import type { MeiliConnection } from '../meili/server.ts';

const BATCH = 1000;

export async function loadNdjson(
  meili: MeiliConnection,
  client: Meilisearch,
  index: string,
  records: string,
): Promise<void> {
  const tasks: number[] = [];
  let batch: string[] = [];
  const send = async () => {
    const response = await fetch(`${meili.url}/indexes/${index}/documents?primaryKey=id`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${meili.masterKey}`,
        'Content-Type': 'application/x-ndjson',
        'Accept-Encoding': 'identity',
      },
      body: batch.join('\n'),
      signal: AbortSignal.timeout(10 * 60_000),
    });
    if (!response.ok) {
      throw new Error(`${index}: a batch was refused with HTTP ${String(response.status)}`);
    }
    tasks.push(((await response.json()) as { taskUid: number }).taskUid);
    batch = [];
  };
  for await (const line of readline.createInterface({ input: createReadStream(records) })) {
    batch.push(line);
    if (batch.length >= BATCH) await send();
  }
  if (batch.length > 0) await send();
  for (const uid of tasks) {
    const task = await client.tasks.waitForTask(uid, { timeout: 60 * 60_000, interval: 50 });
    if (task.status !== 'succeeded') {
      throw new Error(`${index}: indexing task ${String(uid)} ${task.status}`, {
        cause: task.error,
      });
    }
  }
}
