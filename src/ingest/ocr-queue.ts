/**
 * The OCR queue of `--ocr later`: which input folders hold scans kept without
 * text, so that `npm run ocr` can read them again with OCR. Which documents
 * wait is in the documents themselves (`needsOcr`); only the folders are
 * kept here, in a small file beside the content, because the catalog is
 * derived data and may be rebuilt at any time.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../content/store.ts';
import { CLASSIFICATIONS, collectionSchema, type Classification } from '../schema/document.ts';
import { parseWithFriendlyErrors } from '../schema/validate.ts';

export interface QueuedInput {
  inputDir: string;
  defaultClassification: Classification;
  /** The collection it was ingested as: read again as the same, its ids stay. */
  collection?: string | undefined;
}

const queueSchema = z.strictObject({
  inputs: z.array(
    z.strictObject({
      inputDir: z.string().min(1),
      defaultClassification: z.enum(CLASSIFICATIONS),
      collection: collectionSchema.optional(),
    }),
  ),
});

export function ocrQueueFile(contentDir: string): string {
  return path.join(contentDir, '.ocr-queue.json');
}

/** The folders waiting for OCR, oldest first; none when there is no queue. */
export async function readOcrQueue(contentDir: string): Promise<QueuedInput[]> {
  const file = ocrQueueFile(contentDir);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${file} is not valid JSON`, { cause });
  }
  return parseWithFriendlyErrors(queueSchema, data, file).inputs;
}

/** Adds a folder (once); called under the content lock by an ingest run. */
export async function queueOcrInput(contentDir: string, input: QueuedInput): Promise<void> {
  const inputs = (await readOcrQueue(contentDir)).filter((q) => q.inputDir !== input.inputDir);
  await writeFileAtomic(ocrQueueFile(contentDir), JSON.stringify({ inputs: [...inputs, input] }));
}

/** Drops a folder whose scans have all been read. */
export async function dequeueOcrInput(contentDir: string, inputDir: string): Promise<void> {
  const inputs = (await readOcrQueue(contentDir)).filter((q) => q.inputDir !== inputDir);
  if (inputs.length === 0) await fs.rm(ocrQueueFile(contentDir), { force: true });
  else await writeFileAtomic(ocrQueueFile(contentDir), JSON.stringify({ inputs }));
}
