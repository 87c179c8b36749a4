/**
 * What one ingest run did, kept in the catalog's database beside what the
 * archive holds (catalog.ts): the files it saw, the documents it wrote, the
 * numbers it touched, the copies it found and the documents it deferred.
 * SQLite holds them, in its temporary file beyond a small cache, so that a run
 * over a million files holds none of these lists in memory.
 */
import type { StoredDocument } from '../content/store.ts';
import type { Metadata, Source } from '../schema/document.ts';
import type { CatalogStatements } from './catalog-statements.ts';

/** A file with the same bytes as document `owner` (see duplicates.ts). */
export interface Copy {
  owner: string;
  source: Omit<Source, 'format'>;
  /** The copy's own metadata (manifest, sidecar, front matter). */
  given: Metadata;
}

export class RunRecord {
  readonly #statements: CatalogStatements;

  constructor(statements: CatalogStatements) {
    this.#statements = statements;
    // What the last run wrote is kept until this one starts (`ArchiveCatalog.writtenByLastRun`).
    statements.clearWritten.run();
  }

  /** Notes that this run found `path` in its input folder (for `ArchiveCatalog.goneFromCollection`). */
  markSeen(path: string): void {
    this.#statements.markSeen.run(path);
  }

  /** Notes a document this run wrote. */
  wrote(id: string): void {
    this.#statements.markWritten.run(id);
  }

  /** The documents this run wrote, each once, in the order first written. */
  *writtenIds(): Generator<string> {
    for (const row of this.#statements.written.iterate()) yield (row as { id: string }).id;
  }

  /** How many documents this run wrote, each counted once. */
  get writtenCount(): number {
    return (this.#statements.writtenCount.get() as { count: number }).count;
  }

  /** True when this run wrote a document. */
  get wroteAny(): boolean {
    return this.#statements.wroteAny.get() !== undefined;
  }

  /** Notes a number key whose citations are to be checked again. */
  touch(key: string): void {
    this.#statements.touch.run(key);
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
}
