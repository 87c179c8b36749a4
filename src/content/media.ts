/**
 * A document's files as the portal serves them: its original and its image
 * renditions, each only to a visitor who may see the document.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { derivativeFile, originalFile, pageRenditionFile } from './originals.ts';
import type { StoredDocument } from './store.ts';

export interface MediaFile {
  file: string;
  size: number;
  contentType: string;
  /** The name to offer when saving: the original's own name. */
  filename: string;
}

const TYPES: Record<string, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.webp': 'image/webp',
};

/** The media type a file is served with, from its name. */
export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * `original`, `<width>.webp` or a scan's `page-<n>.webp` of a document that passed the gate (see
 * access/gate.ts); anything else is undefined.
 */
export async function findMedia(
  contentDir: string,
  doc: StoredDocument,
  name: string,
): Promise<MediaFile | undefined> {
  const source = doc.meta.sources[0];
  if (!source) return undefined;
  let file: string;
  let filename: string;
  if (name === 'original') {
    file = originalFile(contentDir, source.sha256, source.path);
    filename = path.posix.basename(source.path);
  } else if (/^page-\d+\.webp$/.test(name)) {
    const page = Number(/\d+/.exec(name)?.[0]);
    if (!(page >= 1 && page <= (doc.meta.ocr?.pages ?? 0))) return undefined;
    file = pageRenditionFile(contentDir, source.sha256, page);
    filename = `${path.posix.basename(source.path).replace(/\.[^.]+$/, '')}-${name}`;
  } else {
    const width = /^(\d+)\.webp$/.exec(name)?.[1];
    if (!width || !doc.meta.image?.derivatives.some((d) => String(d.width) === width))
      return undefined;
    file = derivativeFile(contentDir, source.sha256, Number(width));
    filename = `${path.posix.basename(source.path).replace(/\.[^.]+$/, '')}-${width}.webp`;
  }
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  return { file, size: stat.size, contentType: contentTypeOf(file), filename };
}

/** The URL of a document's file, as pages link to it. */
export function mediaUrl(id: string, name: string): string {
  return `/media/${id}/${name}`;
}
