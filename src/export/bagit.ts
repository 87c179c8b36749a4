/**
 * The BagIt 1.0 format (RFC 8493), as the bags and the backups write it: the
 * payload manifest's lines, and the tag files that close a bag.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from '../content/copy-hashed.ts';

/** RFC 8493 §2.1.3: a path in a manifest with CR, LF and % percent-encoded. */
export function manifestPath(relative: string): string {
  return relative.replace(/[%\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The inverse of manifestPath. */
export function fromManifestPath(encoded: string): string {
  return encoded.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** A payload manifest line: "<sha256>  data/…". */
export function manifestLine(sha256: string, relative: string): string {
  return `${sha256}  ${manifestPath(relative)}\n`;
}

/** `Label: value` lines of bag-info.txt, each value on one line. */
export function bagInfoText(info: [string, string][]): string {
  return info.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

/**
 * Writes bagit.txt and bag-info.txt into `dir`, whose manifest-sha256.txt is
 * written, then the tag manifest of all three: the bag is complete after this.
 */
export async function closeBag(dir: string, info: [string, string][]): Promise<void> {
  await fs.writeFile(
    path.join(dir, 'bagit.txt'),
    'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
  );
  await fs.writeFile(path.join(dir, 'bag-info.txt'), bagInfoText(info));
  const lines: string[] = [];
  for (const name of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']) {
    lines.push(`${(await hashFile(path.join(dir, name))).sha256}  ${name}\n`);
  }
  await fs.writeFile(path.join(dir, 'tagmanifest-sha256.txt'), lines.join(''));
}
