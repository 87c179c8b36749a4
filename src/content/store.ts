/**
 * The content folder: one Markdown file per document with YAML front matter,
 * under `documents/<shard>/<id>.md`. Readers take one document at a time, or
 * stream them; nothing here holds the archive in memory.
 */
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseYaml, stringifyYaml } from './yaml.ts';
import { documentIdSchema, documentSchema, type ArchiveDocument } from '../schema/document.ts';
import { parseWithFriendlyErrors, ValidationError } from '../schema/validate.ts';

export interface StoredDocument {
  meta: ArchiveDocument;
  /** The Markdown body, without front matter. */
  body: string;
}

const frontmatterParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

export function documentsDir(contentDir: string): string {
  return path.join(contentDir, 'documents');
}

/** Shards keep directories small; the shard is the id's last two characters. */
export function documentFile(contentDir: string, id: string): string {
  return path.join(documentsDir(contentDir), id.slice(-2), `${id}.md`);
}

/** Splits Markdown into its YAML front matter (parsed) and body. */
export function splitFrontMatter(markdown: string, where: string): { data: unknown; body: string } {
  // Only the prefix up to the first closing fence can be front matter: parsing
  // just that keeps reading a document's metadata cheap, whatever its length.
  const close = markdown.startsWith('---') ? markdown.indexOf('\n---', 3) : -1;
  const prefixEnd = close === -1 ? -1 : markdown.indexOf('\n', close + 4);
  const head = close === -1 ? '' : markdown.slice(0, prefixEnd === -1 ? undefined : prefixEnd);
  const first = frontmatterParser.parse(head).children[0];
  if (first?.type !== 'yaml') return { data: undefined, body: markdown };
  let data: unknown;
  try {
    data = parseYaml(first.value);
  } catch (cause) {
    throw new ValidationError(
      where,
      [`front matter is not valid YAML: ${(cause as Error).message}`],
      {
        cause,
      },
    );
  }
  const end = first.position?.end.offset ?? 0;
  return { data, body: markdown.slice(end).replace(/^\s*\n/, '') };
}

export function parseDocument(markdown: string, where: string): StoredDocument {
  const { data, body } = splitFrontMatter(markdown, where);
  if (data === undefined) throw new ValidationError(where, ['missing front matter']);
  return { meta: parseWithFriendlyErrors(documentSchema, data, where), body };
}

/** Front matter written by a YAML library, so that no value can inject a key. */
export function serializeDocument(doc: StoredDocument): string {
  const meta = parseWithFriendlyErrors(documentSchema, doc.meta, doc.meta.id);
  const yaml = stringifyYaml(meta);
  return `---\n${yaml}---\n\n${doc.body.trimEnd()}\n`;
}

/** One document by id, or undefined when there is no such document. */
export async function readDocument(
  contentDir: string,
  id: string,
): Promise<StoredDocument | undefined> {
  if (!documentIdSchema.safeParse(id).success) return undefined;
  const file = documentFile(contentDir, id);
  let markdown: string;
  try {
    markdown = await fs.readFile(file, 'utf8');
  } catch (error) {
    absent(error, id);
    return undefined;
  }
  return parseDocument(markdown, path.relative(contentDir, file));
}

/**
 * The same, blocking: for runs that read thousands of documents one after another, where a
 * read through libuv's thread pool is four round trips between threads (each a costly
 * wake-up on this project's kind of virtual machine) and a blocking one takes ~20 µs.
 */
export function readDocumentSync(contentDir: string, id: string): StoredDocument | undefined {
  if (!documentIdSchema.safeParse(id).success) return undefined;
  const file = documentFile(contentDir, id);
  let markdown: string;
  try {
    markdown = fsSync.readFileSync(file, 'utf8');
  } catch (error) {
    absent(error, id);
    return undefined;
  }
  return parseDocument(markdown, path.relative(contentDir, file));
}

/** No such file is no such document; any other failure to read throws, naming the document. */
function absent(error: unknown, id: string): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
    throw new Error(`Failed to read document ${id}`, { cause: error });
}

export async function writeDocument(contentDir: string, doc: StoredDocument): Promise<string> {
  const file = documentFile(contentDir, doc.meta.id);
  await writeFileAtomic(file, serializeDocument(doc));
  return file;
}

/**
 * The same, blocking: for ingest workers, where a round trip through libuv's
 * thread pool cost three times the CPU of the write itself.
 */
export function writeDocumentSync(contentDir: string, doc: StoredDocument): string {
  const file = documentFile(contentDir, doc.meta.id);
  writeFileAtomicSync(file, serializeDocument(doc));
  return file;
}

// Folders known to exist: a run writes thousands of files into a few hundred shards.
const madeDirs = new Set<string>();

function rememberDir(dir: string): void {
  if (madeDirs.size > 100_000) madeDirs.clear();
  madeDirs.add(dir);
}

const temporaryName = (file: string) =>
  `${file}.${String(process.pid)}.${Math.random().toString(36).slice(2)}.tmp`;

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) {
    await fs.mkdir(dir, { recursive: true });
    rememberDir(dir);
  }
  const temp = temporaryName(file);
  try {
    await fs.writeFile(temp, data).catch(async (error: unknown) => {
      // A folder removed since it was made (by hand, by a cleanup): made again, once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fs.mkdir(dir, { recursive: true });
      rememberDir(dir);
      await fs.writeFile(temp, data);
    });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** `writeFileAtomic`, blocking (see `writeDocumentSync`). */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) {
    fsSync.mkdirSync(dir, { recursive: true });
    rememberDir(dir);
  }
  const temp = temporaryName(file);
  try {
    try {
      fsSync.writeFileSync(temp, data);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fsSync.mkdirSync(dir, { recursive: true });
      rememberDir(dir);
      fsSync.writeFileSync(temp, data);
    }
    fsSync.renameSync(temp, file);
  } catch (error) {
    fsSync.rmSync(temp, { force: true });
    throw error;
  }
}

/** Every document file, in a stable order, one shard at a time. */
export async function* documentFiles(contentDir: string): AsyncGenerator<string> {
  for await (const files of documentShards(contentDir)) yield* files;
}

/** The document files shard by shard, each shard's in a stable order. */
export async function* documentShards(contentDir: string): AsyncGenerator<string[]> {
  const root = documentsDir(contentDir);
  const shards = await fs.readdir(root, { withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  for (const shard of shards
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    const names = await fs.readdir(path.join(root, shard));
    yield names
      .filter((n) => n.endsWith('.md'))
      .sort()
      .map((name) => path.join(root, shard, name));
  }
}

/**
 * Every document, parsed; a file that does not parse is reported, not skipped
 * silently. `skip` passes over that many files unread (a rebuild resumed).
 */
export async function* readAllDocuments(
  contentDir: string,
  onInvalid: (file: string, error: Error) => void,
  skip = 0,
): AsyncGenerator<StoredDocument> {
  let index = 0;
  for await (const file of documentFiles(contentDir)) {
    if (index++ < skip) continue;
    try {
      // Blocking, as readDocumentSync reads.
      yield parseDocument(fsSync.readFileSync(file, 'utf8'), path.relative(contentDir, file));
    } catch (error) {
      onInvalid(file, error as Error);
    }
  }
}
