/** What the index holds per document: derived from the schema, never declared twice. */
import { facetValues, type FacetName } from '../schema/facets.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import type { ArchiveDocument, RelationType } from '../schema/document.ts';
import { numberKey } from '../schema/number.ts';
import { markdownToText } from '../content/render.ts';
import type { StoredDocument } from '../content/store.ts';

export type SearchRecord = Record<FacetName, string[]> & {
  id: string;
  title: string;
  number: string | null;
  numberKey: string | null;
  issuer: string[];
  issued: string | null;
  issuedTs: number | null;
  summary: string | null;
  text: string;
  /** `<relation type>:<target id>` per resolved relation, for incoming-relation look-ups. */
  relationLinks: string[];
};

/** Attributes the portal reads back from a hit. */
export const RETRIEVED_ATTRIBUTES = [
  'id',
  'title',
  'number',
  'type',
  'issuer',
  'issued',
  'language',
  'classification',
  'status',
  'summary',
  'relationLinks',
] as const satisfies readonly (keyof SearchRecord)[];

// Meilisearch indexes the first 65,535 words of an attribute; plain text past
// that only costs memory and time.
const MAX_TEXT_CHARS = 200_000;

export function toRecord({ meta, body }: StoredDocument): SearchRecord {
  return {
    ...facetValues(meta),
    id: meta.id,
    title: meta.title,
    number: meta.number ?? null,
    numberKey: meta.number ? numberKey(meta.number) : null,
    issued: meta.issued ?? null,
    issuedTs: meta.issued ? isoDateToTimestamp(meta.issued) : null,
    summary: meta.summary ?? null,
    text: markdownToText(body).slice(0, MAX_TEXT_CHARS),
    relationLinks: relationLinks(meta),
  };
}

export function relationLink(type: RelationType, id: string): string {
  return `${type}:${id}`;
}

function relationLinks(meta: ArchiveDocument): string[] {
  const links = meta.relations.flatMap((r) => (r.id ? [relationLink(r.type, r.id)] : []));
  return [...new Set(links)];
}
