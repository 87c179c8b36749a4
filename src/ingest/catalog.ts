/**
 * What the archive already holds, in a few small entries per document: which
 * document has which number (for citations), which bytes (for duplicates) and
 * which source paths, and which documents wait for a number not yet here.
 */
import type { StoredDocument } from '../content/store.ts';
import type { ArchiveDocument, Relation } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';

type Entry = Pick<ArchiveDocument, 'id' | 'number' | 'relations' | 'sources'>;

export class ArchiveCatalog {
  readonly #ids = new Map<string, string>();
  readonly #waiting = new Map<string, Set<string>>();
  readonly #known = new Set<string>();
  readonly #bytes = new Map<string, string>();
  readonly #paths = new Map<string, string>();

  static async load(documents: AsyncIterable<StoredDocument>): Promise<ArchiveCatalog> {
    const catalog = new ArchiveCatalog();
    for await (const { meta } of documents) catalog.add(meta);
    return catalog;
  }

  /** Registers a document's number, bytes, source paths and the targets it still waits for. */
  add(meta: Entry): void {
    this.#known.add(meta.id);
    if (meta.number) {
      const key = numberKey(meta.number);
      const current = this.#ids.get(key);
      // Several documents may share a number; the smallest id wins, on every machine alike.
      if (current === undefined || meta.id < current) this.#ids.set(key, meta.id);
    }
    for (const source of meta.sources) {
      this.claimBytes(source.sha256, meta.id);
      this.#paths.set(source.path, meta.id);
    }
    for (const relation of meta.relations) {
      if (relation.id || this.#known.has(relation.target)) continue;
      const key = numberKey(relation.target);
      let waiting = this.#waiting.get(key);
      if (!waiting) this.#waiting.set(key, (waiting = new Set()));
      waiting.add(meta.id);
    }
  }

  /** The document made from these bytes, if any. */
  ownerOfBytes(sha256: string): string | undefined {
    return this.#bytes.get(sha256);
  }

  /** The first document to claim a set of bytes owns them; later copies join it. */
  claimBytes(sha256: string, id: string): void {
    if (!this.#bytes.has(sha256)) this.#bytes.set(sha256, id);
  }

  /** The document that lists this source path, if any. */
  ownerOfPath(path: string): string | undefined {
    return this.#paths.get(path);
  }

  /** Relations with the ids of the targets that are known (an id given as target is kept). */
  resolve(relations: readonly Relation[], selfId: string): Relation[] {
    return relations.map((relation) => {
      const id = this.#known.has(relation.target)
        ? relation.target
        : this.#ids.get(numberKey(relation.target));
      if (id && id !== selfId) return { ...relation, id };
      const { id: _stale, ...rest } = relation;
      return rest;
    });
  }

  /** Documents that cite one of these numbers without having resolved it. */
  waitingFor(numbers: Iterable<string>): Set<string> {
    const ids = new Set<string>();
    for (const number of numbers) {
      for (const id of this.#waiting.get(numberKey(number)) ?? []) ids.add(id);
    }
    return ids;
  }
}
