/**
 * Originals kept for the long term, content-addressed by SHA-256 inside the
 * content folder, with derivatives beside them. Never under public/: a
 * restricted original is served only after the access check.
 */
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from './store.ts';

export function originalsDir(contentDir: string): string {
  return path.join(contentDir, 'originals');
}

/** `originals/ab/abcdef….pdf`: the extension keeps the file openable by hand. */
export function originalFile(contentDir: string, sha256: string, sourcePath: string): string {
  const extension = path.extname(sourcePath).toLowerCase();
  return path.join(originalsDir(contentDir), sha256.slice(0, 2), `${sha256}${extension}`);
}

export function derivativeFile(contentDir: string, sha256: string, width: number): string {
  return path.join(contentDir, 'derivatives', sha256.slice(0, 2), sha256, `${String(width)}.webp`);
}

/** A page of a scan as shown beside its recognised text (page from 1), WebP without metadata. */
export function pageRenditionFile(contentDir: string, sha256: string, page: number): string {
  return path.join(
    contentDir,
    'derivatives',
    sha256.slice(0, 2),
    sha256,
    `page-${String(page)}.webp`,
  );
}

/** Stores the bytes once; the same bytes again cost a stat. */
export async function storeOriginal(
  contentDir: string,
  sha256: string,
  sourcePath: string,
  bytes: Uint8Array,
): Promise<void> {
  const file = originalFile(contentDir, sha256, sourcePath);
  const existing = await fs.stat(file).catch(() => undefined);
  if (existing?.size === bytes.length) return;
  await writeFileAtomic(file, bytes);
}

/** `storeOriginal`, blocking: for ingest workers (see `writeDocumentSync`). */
export function storeOriginalSync(
  contentDir: string,
  sha256: string,
  sourcePath: string,
  bytes: Uint8Array,
): void {
  const file = originalFile(contentDir, sha256, sourcePath);
  const existing = fsSync.statSync(file, { throwIfNoEntry: false });
  if (existing?.size === bytes.length) return;
  writeFileAtomicSync(file, bytes);
}
