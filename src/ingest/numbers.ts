/**
 * Which document holds which number, so that citations resolve to ids; and
 * which documents wait for a number not yet in the archive, so that they
 * resolve when it arrives. Holds two small entries per document, not documents.
 */
import type { StoredDocument } from '../content/store.ts';
import type { ArchiveDocument, Relation } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';

export class NumberIndex {
  readonly #ids = new Map<string, string>();
  readonly #waiting = new Map<string, Set<string>>();
  readonly #known = new Set<string>();

  static async load(documents: AsyncIterable<StoredDocument>): Promise<NumberIndex> {
    const index = new NumberIndex();
    for await (const { meta } of documents) index.add(meta);
    return index;
  }

  /** Registers a document's number and the targets it still waits for. */
  add(meta: Pick<ArchiveDocument, 'id' | 'number' | 'relations'>): void {
    this.#known.add(meta.id);
    if (meta.number) {
      const key = numberKey(meta.number);
      const current = this.#ids.get(key);
      // Several documents may share a number; the smallest id wins, on every machine alike.
      if (current === undefined || meta.id < current) this.#ids.set(key, meta.id);
    }
    for (const relation of meta.relations) {
      if (relation.id || this.#known.has(relation.target)) continue;
      const key = numberKey(relation.target);
      let waiting = this.#waiting.get(key);
      if (!waiting) this.#waiting.set(key, (waiting = new Set()));
      waiting.add(meta.id);
    }
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
