/**
 * Fixity: re-hash every stored original and compare it with the SHA-256 it is
 * stored under. Reports changed, missing and untracked files, and appends one
 * dated event per check to DATA_DIR/fixity.log.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { originalFile, originalsDir } from './originals.ts';
import { readAllDocuments } from './store.ts';

export interface FixityReport {
  checkedAt: string;
  checked: number;
  ok: number;
  changed: { file: string; expected: string; actual: string }[];
  missing: { file: string; documents: string[] }[];
  untracked: string[];
  /** Documents that could not be read, so their originals could not be listed. */
  unreadable: { file: string; reason: string }[];
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(file);
    else if (!entry.name.endsWith('.tmp')) yield file;
  }
}

export async function checkFixity(contentDir: string, dataDir: string): Promise<FixityReport> {
  const report: FixityReport = {
    checkedAt: new Date().toISOString(),
    checked: 0,
    ok: 0,
    changed: [],
    missing: [],
    untracked: [],
    unreadable: [],
  };
  // Which original each document expects: one small entry per source.
  const expected = new Map<string, { sha256: string; documents: string[] }>();
  for await (const { meta } of readAllDocuments(contentDir, (file, error) =>
    report.unreadable.push({ file: path.relative(contentDir, file), reason: error.message }),
  )) {
    for (const source of meta.sources) {
      const file = path.relative(contentDir, originalFile(contentDir, source.sha256, source.path));
      const entry = expected.get(file) ?? { sha256: source.sha256, documents: [] };
      entry.documents.push(meta.id);
      expected.set(file, entry);
    }
  }
  for await (const absolute of walk(originalsDir(contentDir))) {
    const file = path.relative(contentDir, absolute);
    const entry = expected.get(file);
    if (!entry) {
      report.untracked.push(file);
      continue;
    }
    expected.delete(file);
    report.checked++;
    const actual = await hashFile(absolute);
    if (actual === entry.sha256) report.ok++;
    else report.changed.push({ file, expected: entry.sha256, actual });
  }
  for (const [file, entry] of expected) report.missing.push({ file, documents: entry.documents });

  await fs.mkdir(dataDir, { recursive: true });
  await fs.appendFile(path.join(dataDir, 'fixity.log'), `${JSON.stringify(report)}\n`);
  return report;
}

export function fixityProblems(report: FixityReport): number {
  return (
    report.changed.length +
    report.missing.length +
    report.untracked.length +
    report.unreadable.length
  );
}
