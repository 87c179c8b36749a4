/**
 * Which document a citation by number points to when several documents share
 * that number (two provinces' "01/2020/QĐ-UBND", a decision re-issued under
 * its old number). The choice depends on the documents alone, never on the
 * order files were processed in:
 * 1. a document from the citing document's own issuer;
 * 2. then the earliest issued (a number first belongs to the original);
 *    documents without a date come last;
 * 3. then the smallest id.
 */
import type { Relation } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';

export interface Candidate {
  id: string;
  issuer: string | null;
  issued: string | null;
}

export function chooseTarget(
  candidates: readonly Candidate[],
  citerIssuer: string | undefined,
): string | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates)
    if (!best || before(candidate, best, citerIssuer)) best = candidate;
  return best?.id;
}

function before(a: Candidate, b: Candidate, issuer: string | undefined): boolean {
  const sameA = issuer !== undefined && a.issuer === issuer;
  const sameB = issuer !== undefined && b.issuer === issuer;
  if (sameA !== sameB) return sameA;
  if (a.issued !== b.issued) {
    if (a.issued === null) return false;
    if (b.issued === null) return true;
    return a.issued < b.issued;
  }
  return a.id < b.id;
}

/** A citation by number (its number key) and the target it resolves to now, if any. */
export interface Link {
  key: string;
  id: string | null;
}

/** A document's citations by number (not those given by id), each with its target if resolved. */
export function linksOf(relations: readonly Relation[]): Link[] {
  return relations
    .filter((relation) => relation.target !== relation.id)
    .map((relation) => ({ key: numberKey(relation.target), id: relation.id ?? null }));
}

/**
 * The relations with their citations of these number keys pointing where the
 * catalog now resolves them (see `catalog.citations.staleCiters`); others are kept as
 * they are, as is a relation given by id. A count an earlier version wrote is
 * dropped from the relations rewritten, as `catalog.citations.resolve` drops it.
 */
export function relink(relations: readonly Relation[], links: readonly Link[]): Relation[] {
  return relations.map((relation) => {
    if (relation.target === relation.id) return relation;
    const link = links.find((l) => l.key === numberKey(relation.target));
    if (!link) return relation;
    const { id: _stale, candidates: _count, ...rest } = relation;
    return link.id === null ? rest : { ...rest, id: link.id };
  });
}
