/**
 * Citations by number, resolved from the catalog's tables (catalog.ts): which
 * document a citation leads to now, and which citations a run made stale. A
 * citation is kept with the target it resolved to, so that a run can tell
 * which citers a new document changes without reading any file.
 */
import type { Relation } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';
import type { CatalogStatements } from './catalog-statements.ts';
import { chooseTarget, type Candidate, type Link } from './links.ts';
import type { RunRecord } from './run-record.ts';

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

export class Citations {
  readonly #statements: CatalogStatements;
  readonly #run: RunRecord;
  /** True when the catalog was rebuilt on opening: every citation is checked then. */
  readonly #rebuilt: () => boolean;

  constructor(statements: CatalogStatements, run: RunRecord, rebuilt: () => boolean) {
    this.#statements = statements;
    this.#run = run;
    this.#rebuilt = rebuilt;
  }

  /**
   * Notes a number that gained or lost a document in this run: its citations are
   * checked again (`staleCiters`). A rebuilt catalog checks every citation anyway.
   */
  touchNumber(number: string): void {
    if (!this.#rebuilt()) this.#run.touch(numberKey(number));
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
      if (
        this.#statements.known.get(relation.target) !== undefined &&
        relation.target !== self.id
      ) {
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
   * flat however many there are. Tell of each rewrite (`relinked`).
   */
  *staleCiters(): Generator<{ id: string; links: Link[] }> {
    const s = this.#statements;
    s.clearStale.run();
    const keys = this.#rebuilt() ? s.citedKeys : s.touchedKeys;
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
    if (rewritten) this.#run.wrote(id);
  }
}
