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
import { prepareStatements, SCHEMA } from './catalog-statements.ts';
import { readAllDocuments, type StoredDocument } from '../content/store.ts';
import type { ArchiveDocument, Metadata, Relation, Source } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';
import { contentFingerprint, fingerprints, quickFingerprint } from '../content/fingerprint.ts';
import { documentId } from './identity.ts';
import { chooseTarget, type Candidate, type Link } from './links.ts';

/** A citation found stale: its citer, the number key it cites, the target it resolves to now. */
interface StaleRow {
  id: string;
  key: string;
  chosen: string | null;
}

interface Citer {
  id: string;
  resolved: string | null;
  issuer: string | null;
}

/** A file with the same bytes as document `owner` (see duplicates.ts). */
export interface Copy {
  owner: string;
  source: Omit<Source, 'format'>;
  /** The copy's own metadata (manifest, sidecar, front matter). */
  given: Metadata;
}

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
  readonly #statements: ReturnType<typeof prepareStatements>;
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
   * sources and citations by number. It counts as changed (`writtenIds`).
   */
  add(meta: Entry): void {
    this.#register(meta);
    this.#statements.markWritten.run(meta.id);
    if (meta.number) this.touchNumber(meta.number);
  }

  /**
   * Notes a number that gained or lost a document in this run: its citations are
   * checked again (`staleCiters`). A rebuilt catalog checks every citation anyway.
   */
  touchNumber(number: string): void {
    if (!this.#rebuilt) this.#statements.touch.run(numberKey(number));
  }

  /** The documents this run wrote (`add`), each once, in the order first written. */
  writtenIds(): string[] {
    const ids = new Set<string>();
    for (const row of this.#statements.written.iterate()) ids.add((row as { id: string }).id);
    return [...ids];
  }

  /** Notes a file of this run with the same bytes as document `copy.owner` (duplicates.ts). */
  addCopy(copy: Copy): void {
    this.#statements.putCopy.run(copy.owner, copy.source.path, JSON.stringify(copy));
  }

  /** The copies this run found, those of one document after another. */
  *copiesByOwner(): Generator<Copy> {
    for (const row of this.#statements.copiesByOwner.iterate())
      yield JSON.parse((row as { copy: string }).copy) as Copy;
  }

  /** Each copy this run found (its path) with the document it joins, in the order found. */
  *copiesFound(): Generator<{ path: string; owner: string }> {
    for (const row of this.#statements.copiesFound.iterate())
      yield row as unknown as { path: string; owner: string };
  }

  /**
   * Keeps a document whose file is written once the run's other files are in
   * (`deferred`): one that cites a number no document has yet. At a first
   * ingest most such targets arrive later in the run; written now, each citer
   * would be rewritten, and replacing a file costs this machine's file system
   * several times what creating one does.
   */
  defer(doc: StoredDocument): void {
    this.#statements.putDeferred.run(JSON.stringify(doc));
  }

  /** The documents deferred, in the order they came; then forgotten. */
  *deferred(): Generator<StoredDocument> {
    for (const row of this.#statements.deferred.iterate())
      yield JSON.parse((row as { doc: string }).doc) as StoredDocument;
    this.#statements.clearDeferred.run();
  }

  /** True when this run wrote a document. */
  get wroteAny(): boolean {
    return this.#statements.wroteAny.get() !== undefined;
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

  /** Records that this run found `path` in its input folder (for `goneFromCollection`). */
  markSeen(path: string): void {
    this.#statements.markSeen.run(path);
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

  #candidates(key: string, selfId: string): Candidate[] {
    return (this.#statements.candidates.all(key) as unknown as Candidate[]).filter(
      (c) => c.id !== selfId,
    );
  }

  /**
   * Relations with the ids of their targets where the archive has them (an id
   * given as target is kept). When several documents share the cited number,
   * the choice follows `chooseTarget`; how many there are is not written (see
   * catalog-statements.ts), and a count an earlier version wrote is dropped.
   */
  resolve(
    relations: readonly Relation[],
    self: { id: string; issuer?: string | undefined },
  ): Relation[] {
    return relations.map((relation) => {
      const { id: _stale, candidates: _count, ...rest } = relation;
      if (this.isKnown(relation.target) && relation.target !== self.id) {
        return { ...rest, id: relation.target };
      }
      const candidates = this.#candidates(numberKey(relation.target), self.id);
      const chosen = chooseTarget(candidates, self.issuer);
      if (!chosen) return rest;
      return { ...rest, id: chosen };
    });
  }

  /**
   * Documents whose citations of the numbers this run touched (every cited
   * number when the catalog was rebuilt: a run before may have died before
   * linking) no longer resolve as they would now: a target arrived, or a better
   * one. Each comes with those citations and their targets now, one document at
   * a time in id order. Answered from the catalog alone, so a full check after a
   * crash reads no file; noted in a temporary table first, so that memory stays
   * flat however many there are. Tell the catalog of each rewrite (`relinked`).
   */
  *staleCiters(): Generator<{ id: string; links: Link[] }> {
    const s = this.#statements;
    s.clearStale.run();
    const keys = this.#rebuilt ? s.citedKeys : s.touchedKeys;
    for (const { key } of keys.iterate() as Iterable<{ key: string }>) {
      const citers = s.citers.all(key) as unknown as Citer[];
      if (citers.length === 0) continue;
      const everyone = this.#candidates(key, '');
      for (const citer of citers) {
        const candidates = everyone.filter((c) => c.id !== citer.id);
        const chosen = chooseTarget(candidates, citer.issuer ?? undefined) ?? null;
        if (chosen !== citer.resolved) s.putStale.run(citer.id, key, chosen);
      }
    }
    let current: { id: string; links: Link[] } | undefined;
    for (const row of s.staleLinks.iterate() as Iterable<StaleRow>) {
      if (current?.id !== row.id) {
        if (current) yield current;
        current = { id: row.id, links: [] };
      }
      current.links.push({ key: row.key, id: row.chosen });
    }
    if (current) yield current;
  }

  /**
   * Notes that document `id`'s citations now resolve as `links` say (a stale
   * citer rewritten, a deferred document written); `rewritten`: its file
   * changed, and it counts as written.
   */
  relinked(id: string, links: readonly Link[], rewritten: boolean): void {
    for (const link of links) this.#statements.relink.run(link.id, link.key, id);
    if (rewritten) this.#statements.markWritten.run(id);
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
