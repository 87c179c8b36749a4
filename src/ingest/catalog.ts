/**
 * What the archive already holds, kept in SQLite beside the content so that a
 * run neither parses every document nor holds them in memory: which source
 * path made which document from which input, which document has which number
 * and which bytes, and which documents wait for a number not yet here. What
 * one run did is its `run` (run-record.ts); where citations by number lead is
 * `citations` (citations.ts). All three share one database and transaction.
 *
 * It is derived data. When it is missing, of another version, or the content
 * folder changed behind its back, it is rebuilt from the documents.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  prepareStatements,
  SCHEMA,
  WRITTEN,
  type CatalogStatements,
} from './catalog-statements.ts';
import { readAllDocuments } from '../content/store.ts';
import type { ArchiveDocument } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';
import { contentFingerprint, fingerprints, quickFingerprint } from '../content/fingerprint.ts';
import { documentId } from './identity.ts';
import { RunRecord } from './run-record.ts';
import { Citations } from './citations.ts';

type Entry = Pick<
  ArchiveDocument,
  | 'id'
  | 'number'
  | 'relations'
  | 'sources'
  | 'inputHash'
  | 'issuer'
  | 'issued'
  | 'needsOcr'
  | 'collection'
  | 'withdrawn'
>;

const VERSION = '5';
// SQLite's page cache, in KiB. A run is one transaction, so its pages live in the cache or the
// WAL: with SQLite's default of 2 MB, a million rows in one transaction took 108 s to insert
// (35 s with 64 MB), and rebuilding the 1M catalog rewrote 10 GB into a 370 MB WAL. With
// 512 MB that rebuild wrote 0.13 GB but still took ~20 min (parsing 1M documents is the cost)
// and took the run past 1 GB of memory.
const CACHE_KB = 64 * 1024;
export function catalogFile(contentDir: string): string {
  return path.join(contentDir, '.catalog.sqlite');
}

export class ArchiveCatalog {
  readonly #db: DatabaseSync;
  readonly #contentDir: string;
  readonly #statements: CatalogStatements;
  /** What this run saw, wrote, found copied and deferred. */
  readonly run: RunRecord;
  /** Which document each citation by number leads to. */
  readonly citations: Citations;
  /** The collection this run ingests: its sources and stamps are the ones looked up by path. */
  readonly #collection: string;
  /** The content folder's fingerprint when the catalog was opened. */
  #openedAs = '';
  /** Bytes claimed in this run by files still being extracted. */
  readonly #claimed = new Map<string, string>();
  /** Rebuilt from the documents when opened: a run before this one may have died mid-way. */
  #rebuilt = false;

  private constructor(db: DatabaseSync, contentDir: string, collection: string) {
    this.#db = db;
    this.#contentDir = contentDir;
    this.#collection = collection;
    this.#statements = prepareStatements(db);
    // One transaction per run: a crash leaves the catalog unsealed, and it is rebuilt.
    db.exec('BEGIN');
    this.run = new RunRecord(this.#statements);
    this.citations = new Citations(this.#statements, this.run, () => this.#rebuilt);
  }

  /**
   * Opens the catalog of a content folder for a run that ingests `collection`
   * (none: files named by their path alone, as before collections), rebuilding
   * it when it cannot be trusted.
   */
  static async open(
    contentDir: string,
    onInvalid: (file: string, error: Error) => void,
    onRebuild?: (documents: number) => void,
    collection?: string,
  ): Promise<ArchiveCatalog> {
    await fs.mkdir(contentDir, { recursive: true });
    const file = catalogFile(contentDir);
    const fingerprint = await contentFingerprint(contentDir);
    const connect = () => ArchiveCatalog.#connect(file, contentDir, collection ?? '');
    let catalog = connect();
    if (catalog.#meta('version') === VERSION && catalog.#meta('fingerprint') === fingerprint) {
      catalog.#openedAs = fingerprint;
      return catalog;
    }
    catalog.close();
    await fs.rm(file, { force: true });
    catalog = connect();
    let documents = 0;
    for await (const { meta } of readAllDocuments(contentDir, onInvalid)) {
      catalog.#register(meta);
      if (++documents % 10_000 === 0) onRebuild?.(documents);
    }
    catalog.#statements.putMeta.run('version', VERSION);
    catalog.#openedAs = fingerprint;
    catalog.#rebuilt = true;
    return catalog;
  }

  static #connect(file: string, contentDir: string, collection: string): ArchiveCatalog {
    const db = new DatabaseSync(file);
    db.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -${String(CACHE_KB)};`,
    );
    db.exec(SCHEMA);
    // Catalogs written before counts were left out of documents: the column goes, nothing is rebuilt.
    const columns = db.prepare('PRAGMA table_info(cites)').all() as { name: string }[];
    if (columns.some((column) => column.name === 'candidates'))
      db.exec('ALTER TABLE cites DROP COLUMN candidates');
    return new ArchiveCatalog(db, contentDir, collection);
  }

  #meta(key: string): string | undefined {
    return (this.#statements.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  #id(statement: StatementSync, value: string): string | undefined {
    return (statement.get(value) as { id: string } | undefined)?.id;
  }

  /**
   * Registers (or replaces) a document this run wrote: its number, input,
   * sources and citations by number. It counts as written (`run.writtenIds`).
   */
  add(meta: Entry): void {
    this.#register(meta);
    this.run.wrote(meta.id);
    if (meta.number) this.citations.touchNumber(meta.number);
  }

  /**
   * The documents the last sealed run wrote, once its catalog is closed (see
   * `RunRecord.writtenIds`). Read one by one: after a first ingest they are a million
   * ids, which held as strings took ~140 MB, the largest part of the run's peak.
   */
  static *writtenByLastRun(contentDir: string): Generator<string> {
    const db = new DatabaseSync(catalogFile(contentDir));
    try {
      for (const row of db.prepare(WRITTEN).iterate()) yield (row as { id: string }).id;
    } finally {
      db.close();
    }
  }

  #register(meta: Entry): void {
    const s = this.#statements;
    s.putDocument.run(
      meta.id,
      meta.number ? numberKey(meta.number) : null,
      meta.inputHash,
      meta.issuer ?? null,
      meta.issued ?? null,
      meta.needsOcr ? 1 : 0,
      meta.collection ?? '',
      meta.withdrawn ? 1 : 0,
    );
    s.clearSources.run(meta.id);
    for (const source of meta.sources) {
      s.putSource.run(source.collection ?? '', source.path, meta.id, source.sha256);
      // Written: the sources table answers for these bytes now, and the run's memory stays flat.
      this.#claimed.delete(source.sha256);
    }
    s.clearCites.run(meta.id);
    for (const relation of meta.relations) {
      // A relation given by id is not a citation by number.
      if (relation.target === relation.id) continue;
      s.putCite.run(numberKey(relation.target), meta.id, relation.id ?? null);
    }
  }

  /** True when the catalog was rebuilt on opening (a missing, old or unsealed catalog). */
  get rebuilt(): boolean {
    return this.#rebuilt;
  }

  /**
   * The id of the document the file at `path` of this run's collection makes.
   * A document ingested before collections, from that path and not yet
   * claimed by another collection, keeps its id: the first collection to hold
   * the path adopts it, so no permalink ever handed out changes.
   */
  idFor(path: string): string {
    const collection = this.#collection;
    if (collection === '') return documentId(path);
    const legacy = documentId(path);
    const owner = this.#statements.collectionOf.get(legacy) as { collection: string } | undefined;
    if (owner && (owner.collection === '' || owner.collection === collection)) return legacy;
    return documentId(path, collection);
  }

  /** True when `path` made document `id` from exactly this input. */
  isUnchanged(path: string, id: string, inputHash: string): boolean {
    const row = this.#statements.inputHash.get(this.#collection, path, id) as
      { hash: string } | undefined;
    return row?.hash === inputHash;
  }

  /**
   * True when `path`, still a source of document `id`, has the stamp it had
   * when it last made or matched that document (see stamp.ts).
   */
  hasStamp(path: string, id: string, stamp: string): boolean {
    const row = this.#statements.getStamp.get(this.#collection, path, id) as
      { stamp: string } | undefined;
    return row?.stamp === stamp;
  }

  /** True when `path` made a document still waiting for its text from OCR. */
  awaitsOcr(path: string): boolean {
    return this.#statements.awaitsOcr.get(this.#collection, path) !== undefined;
  }

  setStamp(path: string, stamp: string): void {
    this.#statements.putStamp.run(this.#collection, path, stamp);
  }

  /**
   * Documents of this run's collection, not withdrawn, none of whose files
   * this run found, and that no other collection also holds: what `--sync`
   * withdraws. Each with one of its source paths, in path order.
   */
  goneFromCollection(): { id: string; path: string }[] {
    if (this.#collection === '') return [];
    return this.#statements.gone.all(this.#collection) as unknown as { id: string; path: string }[];
  }

  /** The document made from these bytes, by this run or an earlier one. */
  ownerOfBytes(sha256: string): string | undefined {
    return this.#claimed.get(sha256) ?? this.#id(this.#statements.bytes, sha256);
  }

  /** The first file to claim a set of bytes owns them; later copies join its document. */
  claimBytes(sha256: string, id: string): void {
    if (!this.ownerOfBytes(sha256)) this.#claimed.set(sha256, id);
  }

  isKnown(id: string): boolean {
    return this.#statements.known.get(id) !== undefined;
  }

  /**
   * Records that the catalog matches the content folder as it is now (`wrote`:
   * files changed since opening); returns the folder's fingerprints.
   */
  async seal(wrote: boolean): Promise<{ full: string; quick: string }> {
    const measured = wrote
      ? await fingerprints(this.#contentDir)
      : { quick: await quickFingerprint(this.#contentDir), full: this.#openedAs };
    const fingerprint = measured.full;
    this.#statements.putMeta.run('fingerprint', fingerprint);
    this.#db.exec('COMMIT');
    this.#db.exec('BEGIN');
    return measured;
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
