/**
 * Earlier versions of a document: when its source file changes, the document
 * as it was is kept whole (front matter and text) under `versions/`, beside
 * the current one in `documents/`, which alone is indexed. The originals of
 * every version stay in `originals/` (content-addressed), so each version
 * still leads to its own file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { documentIdSchema } from '../schema/document.ts';
import { parseDocument, serializeDocument, writeFileAtomic, type StoredDocument } from './store.ts';

export function versionFile(contentDir: string, id: string, version: number): string {
  return path.join(contentDir, 'versions', id.slice(-2), id, `${String(version)}.md`);
}

/** The version a document is at: 1 until its source first changes. */
export const versionOf = (doc: StoredDocument) => doc.meta.version ?? 1;

/** Keeps `doc` as it is now, as its version; before it is overwritten by the next. */
export async function keepVersion(contentDir: string, doc: StoredDocument): Promise<void> {
  await writeFileAtomic(
    versionFile(contentDir, doc.meta.id, versionOf(doc)),
    serializeDocument(doc),
  );
}

/** An earlier version, or undefined when the document has no such version kept. */
export async function readVersion(
  contentDir: string,
  id: string,
  version: number,
): Promise<StoredDocument | undefined> {
  if (!documentIdSchema.safeParse(id).success || !Number.isSafeInteger(version)) return undefined;
  const file = versionFile(contentDir, id, version);
  const markdown = await fs.readFile(file, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Failed to read version ${String(version)} of ${id}`, { cause: error });
  });
  return markdown === undefined
    ? undefined
    : parseDocument(markdown, path.relative(contentDir, file));
}
