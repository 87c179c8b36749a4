/**
 * Checks a backup snapshot as BagIt does: every file of the payload listed in
 * the manifest and every listed file present with its sha256; the tag files as
 * their tag manifest says; the payload's size and count as bag-info says. The
 * manifest and the folder are read side by side in one order, so memory stays
 * flat whatever the archive's size.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { hashFile } from '../content/copy-hashed.ts';
import { fromManifestPath } from '../export/bagit.ts';
import { comparePaths, walkSorted } from './walk.ts';

export interface BackupCheck {
  files: number;
  bytes: number;
  problems: string[];
}

async function* manifestEntries(file: string): AsyncGenerator<{ path: string; sha256: string }> {
  const lines = readline.createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    yield match?.[1] && match[2]
      ? { sha256: match[1], path: fromManifestPath(match[2]) }
      : { sha256: '', path: `(a line that is not "sha256  path": ${line.slice(0, 80)})` };
  }
}

export async function verifyBackup(snapshot: string): Promise<BackupCheck> {
  const check: BackupCheck = { files: 0, bytes: 0, problems: [] };
  const manifest = path.join(snapshot, 'manifest-sha256.txt');
  const tags = path.join(snapshot, 'tagmanifest-sha256.txt');
  for (const required of [
    'bagit.txt',
    'bag-info.txt',
    'manifest-sha256.txt',
    'tagmanifest-sha256.txt',
  ]) {
    if (!(await fs.stat(path.join(snapshot, required)).catch(() => undefined))) {
      check.problems.push(`${required} is missing: not a complete backup`);
    }
  }
  if (check.problems.length > 0) return check;
  for await (const entry of manifestEntries(tags)) {
    const file = path.join(snapshot, entry.path);
    const found = await hashFile(file).catch(() => undefined);
    if (!found) check.problems.push(`${entry.path} is missing`);
    else if (found.sha256 !== entry.sha256) check.problems.push(`${entry.path} was changed`);
  }
  const listed = manifestEntries(manifest);
  let next = await listed.next();
  const payload = (await fs.stat(path.join(snapshot, 'data')).catch(() => undefined))
    ? walkSorted(path.join(snapshot, 'data'))
    : undefined;
  for await (const relative of payload ?? []) {
    const file = `data/${relative}`;
    while (!next.done && comparePaths(next.value.path, file) < 0) {
      check.problems.push(`${next.value.path} is listed but missing`);
      next = await listed.next();
    }
    if (next.done || next.value.path !== file) {
      check.problems.push(`${file} is not in the manifest`);
      continue;
    }
    const found = await hashFile(path.join(snapshot, file));
    check.files++;
    check.bytes += found.bytes;
    if (found.sha256 !== next.value.sha256)
      check.problems.push(`${file} does not match its sha256`);
    next = await listed.next();
  }
  for (; !next.done; next = await listed.next()) {
    check.problems.push(`${next.value.path} is listed but missing`);
  }
  const info = await fs.readFile(path.join(snapshot, 'bag-info.txt'), 'utf8');
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(info);
  if (oxum && (Number(oxum[1]) !== check.bytes || Number(oxum[2]) !== check.files)) {
    check.problems.push(
      `bag-info.txt says ${oxum[1] ?? ''} bytes in ${oxum[2] ?? ''} files; the payload has ${String(check.bytes)} in ${String(check.files)}`,
    );
  }
  return check;
}
