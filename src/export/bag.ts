/**
 * BagIt packages (RFC 8493, BagIt 1.0) of a result set, to hand records to
 * another agency: under `data/<id>/` each document's originals, its Markdown
 * text and its metadata (JSON and Dublin Core XML); beside it the payload
 * manifest, the tag manifest and bag-info.txt. Written file by file with the
 * checksums computed while copying, into a folder beside the target that is
 * moved into place at the end, so a failed run leaves no half bag.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { once } from 'node:events';
import { canSee, visibleSources, type Clearance } from '../access/clearance.ts';
import { copyHashed } from '../content/copy-hashed.ts';
import { originalFile } from '../content/originals.ts';
import { readDocument } from '../content/store.ts';
import { VankhoError } from '../errors.ts';
import { dublinCore } from '../schema/crosswalk.ts';
import { dublinCoreXml } from '../search/oai-xml.ts';
import { documentPermalink } from '../search/url.ts';
import { closeBag, manifestLine } from './bagit.ts';
import { stagingFor, swapInto } from './staging.ts';

/** The target is not a new or empty folder. */
export class BagUsageError extends VankhoError {
  override name = 'BagUsageError';
}

export interface BagOptions {
  /** Documents above this level never go in, whatever the selection says. */
  clearance: Clearance;
  /** The search that chose the documents, as a person reads it: recorded in bag-info.txt. */
  query: string;
  sourceOrganization: string;
  /** The portal's origin: the metadata then names each document's permalink. */
  origin: string | undefined;
  /** The agent that made the bag, for bag-info.txt. */
  agent: string;
  now?: Date;
}

export interface BagReport {
  out: string;
  docs: number;
  /** Payload files and their bytes: bag-info.txt's Payload-Oxum. */
  files: number;
  bytes: number;
  /** Per-document problems: the document is left out of the bag, named here. */
  problems: { id: string; reason: string }[];
  seconds: number;
}

interface Entry {
  path: string;
  sha256: string;
  bytes: number;
}

async function writeHashed(to: string, text: string): Promise<{ sha256: string; bytes: number }> {
  const bytes = Buffer.from(text, 'utf8');
  await fs.writeFile(to, bytes, { flag: 'wx' });
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** A source file's name in the bag: its own, made unique within the document's folder. */
function uniqueName(name: string, taken: Set<string>): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length) || 'original';
  let candidate = `${stem}${ext}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${stem}-${String(n)}${ext}`;
  taken.add(candidate);
  return candidate;
}

/** One document's payload files; throws with the reason when it cannot be bagged whole. */
async function bagDocument(
  contentDir: string,
  root: string,
  id: string,
  options: BagOptions,
): Promise<Entry[]> {
  const stored = await readDocument(contentDir, id);
  if (!stored) throw new Error('in the index but not in the content folder');
  const { inputHash: _internal, ...meta } = stored.meta;
  if (meta.withdrawn) throw new Error(`withdrawn on ${meta.withdrawn.at}: not handed out`);
  if (!canSee(options.clearance, meta.classification)) {
    throw new Error(`classified above the bag's clearance (${options.clearance})`);
  }
  const sources = visibleSources(meta, options.clearance);
  const shown = { ...meta, sources };
  const folder = path.join('data', id);
  await fs.mkdir(path.join(root, folder, 'originals'), { recursive: true });
  const entries: Entry[] = [];
  const add = (relative: string, made: { sha256: string; bytes: number }) =>
    entries.push({ path: relative.split(path.sep).join('/'), ...made });
  const taken = new Set<string>();
  for (const source of sources) {
    const relative = path.join(
      folder,
      'originals',
      uniqueName(path.posix.basename(source.path), taken),
    );
    const made = await copyHashed(
      originalFile(contentDir, source.sha256, source.path),
      path.join(root, relative),
    );
    // Fixity on the way out: a file that changed in storage is never handed over as the original.
    if (made.sha256 !== source.sha256) {
      throw new Error(
        `original ${source.path} does not match its checksum (stored ${source.sha256}, read ${made.sha256})`,
      );
    }
    add(relative, made);
  }
  const permalink = options.origin && documentPermalink(options.origin, id);
  const files: [string, string][] = [
    [`${id}.md`, stored.body],
    [
      'metadata.json',
      `${JSON.stringify({ ...shown, ...(permalink && { permalink }) }, null, 2)}\n`,
    ],
    ['dublin-core.xml', dublinCoreXml(dublinCore(shown, permalink || undefined))],
  ];
  for (const [name, text] of files) {
    const relative = path.join(folder, name);
    add(relative, await writeHashed(path.join(root, relative), text));
  }
  return entries;
}

/** bag-info.txt's labels and values. */
function bagInfo(report: BagReport, options: BagOptions): [string, string][] {
  const now = options.now ?? new Date();
  return [
    ['Source-Organization', options.sourceOrganization],
    ['Bagging-Date', now.toISOString().slice(0, 10)],
    ['Payload-Oxum', `${String(report.bytes)}.${String(report.files)}`],
    ['Bag-Software-Agent', options.agent],
    ['External-Description', `Documents of the search ${options.query}`],
    ['Van-Kho-Query', options.query],
    ['Van-Kho-Clearance', options.clearance],
    ['Van-Kho-Documents', String(report.docs)],
  ];
}

async function checkTarget(out: string): Promise<void> {
  const entries = await fs.readdir(out).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new BagUsageError(`Cannot use ${out} as the bag's folder`, { cause: error });
  });
  if (entries.length > 0) {
    throw new BagUsageError(`${out} is not empty: a bag is written to a new or empty folder`);
  }
}

/** Writes the bag of the documents `ids` names, in that order. */
export async function writeBag(
  contentDir: string,
  out: string,
  ids: AsyncIterable<string>,
  options: BagOptions,
): Promise<BagReport> {
  const started = performance.now();
  await checkTarget(out);
  const staging = await stagingFor(out);
  await fs.mkdir(path.join(staging, 'data'), { recursive: true });
  const report: BagReport = { out, docs: 0, files: 0, bytes: 0, problems: [], seconds: 0 };
  const manifest = createWriteStream(path.join(staging, 'manifest-sha256.txt'));
  const write = async (text: string) => {
    if (!manifest.write(text)) await once(manifest, 'drain');
  };
  try {
    for await (const id of ids) {
      let entries: Entry[];
      try {
        entries = await bagDocument(contentDir, staging, id, options);
      } catch (error) {
        // The document stays out whole: nothing of it in the payload or the manifest.
        await fs.rm(path.join(staging, 'data', id), { recursive: true, force: true });
        report.problems.push({ id, reason: (error as Error).message });
        continue;
      }
      for (const entry of entries) {
        await write(manifestLine(entry.sha256, entry.path));
        report.files++;
        report.bytes += entry.bytes;
      }
      report.docs++;
    }
  } finally {
    manifest.end();
    await finished(manifest);
  }
  await closeBag(staging, bagInfo(report, options));
  await swapInto(staging, out);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
