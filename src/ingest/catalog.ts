/**
 * What the archive already holds, kept in SQLite beside the content so that a
 * run neither parses every document nor holds them in memory: which source
 * path made which document from which input, which document has which number
 * and which bytes, and which documents wait for a number not yet here.
 *
 * It is derived data. When it is missing, of another version, or the content
 * folder changed behind its back, it is rebuilt from the documents.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { readAllDocuments } from '../content/store.ts';
import type { ArchiveDocument, Relation } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';
import { contentFingerprint } from '../meili/state.ts';

type Entry = Pick<ArchiveDocument, 'id' | 'number' | 'relations' | 'sources' | 'inputHash'>;

const VERSION = '1';
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, number_key TEXT, input_hash TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS documents_number ON documents (number_key);
  CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, id TEXT NOT NULL, sha256 TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS sources_sha ON sources (sha256);
  CREATE INDEX IF NOT EXISTS sources_id ON sources (id);
  CREATE TABLE IF NOT EXISTS waiting (target_key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (target_key, id));
`;

export function catalogFile(contentDir: string): string {
  return path.join(contentDir, '.catalog.sqlite');
}

function prepareStatements(db: DatabaseSync) {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  return {
    number: prepare('SELECT id FROM documents WHERE number_key = ? ORDER BY id LIMIT 1'),
    known: prepare('SELECT 1 FROM documents WHERE id = ?'),
    inputHash: prepare(
      'SELECT d.input_hash AS hash FROM sources s JOIN documents d ON d.id = s.id WHERE s.path = ? AND s.id = ?',
    ),
    bytes: prepare('SELECT id FROM sources WHERE sha256 = ? ORDER BY id LIMIT 1'),
    pathOwner: prepare('SELECT id FROM sources WHERE path = ?'),
    waiting: prepare('SELECT id FROM waiting WHERE target_key = ?'),
    putDocument: prepare(
      'INSERT OR REPLACE INTO documents (id, number_key, input_hash) VALUES (?, ?, ?)',
    ),
    clearSources: prepare('DELETE FROM sources WHERE id = ?'),
    putSource: prepare('INSERT OR REPLACE INTO sources (path, id, sha256) VALUES (?, ?, ?)'),
    clearWaiting: prepare('DELETE FROM waiting WHERE id = ?'),
    putWaiting: prepare('INSERT OR IGNORE INTO waiting (target_key, id) VALUES (?, ?)'),
    getMeta: prepare('SELECT value FROM meta WHERE key = ?'),
    putMeta: prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };
}

export class ArchiveCatalog {
  readonly #db: DatabaseSync;
  readonly #contentDir: string;
  readonly #statements: ReturnType<typeof prepareStatements>;
  /** The content folder's fingerprint when the catalog was opened. */
  #openedAs = '';
  /** Bytes claimed in this run by files still being extracted. */
  readonly #claimed = new Map<string, string>();

  private constructor(db: DatabaseSync, contentDir: string) {
    this.#db = db;
    this.#contentDir = contentDir;
    this.#statements = prepareStatements(db);
    // One transaction per run: a crash leaves the catalog unsealed, and it is rebuilt.
    db.exec('BEGIN');
  }

  /** Opens the catalog of a content folder, rebuilding it when it cannot be trusted. */
  static async open(
    contentDir: string,
    onInvalid: (file: string, error: Error) => void,
  ): Promise<ArchiveCatalog> {
    await fs.mkdir(contentDir, { recursive: true });
    const file = catalogFile(contentDir);
    const fingerprint = await contentFingerprint(contentDir);
    let catalog = ArchiveCatalog.#connect(file, contentDir);
    if (catalog.#meta('version') === VERSION && catalog.#meta('fingerprint') === fingerprint) {
      catalog.#openedAs = fingerprint;
      return catalog;
    }
    catalog.close();
    await fs.rm(file, { force: true });
    catalog = ArchiveCatalog.#connect(file, contentDir);
    for await (const { meta } of readAllDocuments(contentDir, onInvalid)) catalog.add(meta);
    catalog.#statements.putMeta.run('version', VERSION);
    catalog.#openedAs = fingerprint;
    return catalog;
  }

  static #connect(file: string, contentDir: string): ArchiveCatalog {
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    db.exec(SCHEMA);
    return new ArchiveCatalog(db, contentDir);
  }

  #meta(key: string): string | undefined {
    return (this.#statements.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  #id(statement: StatementSync, value: string): string | undefined {
    return (statement.get(value) as { id: string } | undefined)?.id;
  }

  /** Registers (or replaces) a document's number, input, sources and the targets it waits for. */
  add(meta: Entry): void {
    const s = this.#statements;
    s.putDocument.run(meta.id, meta.number ? numberKey(meta.number) : null, meta.inputHash);
    s.clearSources.run(meta.id);
    for (const source of meta.sources) s.putSource.run(source.path, meta.id, source.sha256);
    s.clearWaiting.run(meta.id);
    for (const relation of meta.relations) {
      if (relation.id || this.isKnown(relation.target)) continue;
      s.putWaiting.run(numberKey(relation.target), meta.id);
    }
  }

  /** True when `path` made document `id` from exactly this input. */
  isUnchanged(path: string, id: string, inputHash: string): boolean {
    const row = this.#statements.inputHash.get(path, id) as { hash: string } | undefined;
    return row?.hash === inputHash;
  }

  /** The document made from these bytes, by this run or an earlier one. */
  ownerOfBytes(sha256: string): string | undefined {
    return this.#claimed.get(sha256) ?? this.#id(this.#statements.bytes, sha256);
  }

  /** The first file to claim a set of bytes owns them; later copies join its document. */
  claimBytes(sha256: string, id: string): void {
    if (!this.ownerOfBytes(sha256)) this.#claimed.set(sha256, id);
  }

  ownerOfPath(sourcePath: string): string | undefined {
    return this.#id(this.#statements.pathOwner, sourcePath);
  }

  isKnown(id: string): boolean {
    return this.#statements.known.get(id) !== undefined;
  }

  /** Relations with the ids of the targets that are known (an id given as target is kept). */
  resolve(relations: readonly Relation[], selfId: string): Relation[] {
    return relations.map((relation) => {
      const id = this.isKnown(relation.target)
        ? relation.target
        : this.#id(this.#statements.number, numberKey(relation.target));
      if (id && id !== selfId) return { ...relation, id };
      const { id: _stale, ...rest } = relation;
      return rest;
    });
  }

  /** Documents that cite one of these numbers without having resolved it. */
  waitingFor(numbers: Iterable<string>): Set<string> {
    const ids = new Set<string>();
    for (const number of numbers) {
      for (const row of this.#statements.waiting.all(numberKey(number)))
        ids.add((row as { id: string }).id);
    }
    return ids;
  }

  /** Records that the catalog matches the content folder as it is now (`wrote`: files changed since opening). */
  async seal(wrote: boolean): Promise<string> {
    const fingerprint = wrote ? await contentFingerprint(this.#contentDir) : this.#openedAs;
    this.#statements.putMeta.run('fingerprint', fingerprint);
    this.#db.exec('COMMIT');
    this.#db.exec('BEGIN');
    return fingerprint;
  }

  /** The content folder's fingerprint before this run wrote anything. */
  get openedAs(): string {
    return this.#openedAs;
  }

  /** Closes without sealing what was not sealed: the next run then rebuilds. */
  close(): void {
    if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
    this.#db.close();
  }
}
