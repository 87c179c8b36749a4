/**
 * What the index holds: one record per section of a document, carrying the
 * document's metadata, so that a hit points at the matching section while
 * `distinct` on `docId` keeps results to one per document. Derived from the
 * schema, never declared twice.
 */
import { splitParts } from '../content/parts.ts';
import { sections } from '../content/render.ts';
import type { StoredDocument } from '../content/store.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import { canSee } from '../access/clearance.ts';
import type { ArchiveDocument, RelationType } from '../schema/document.ts';
import { facetValues, type FacetName } from '../schema/facets.ts';
import { numberKeys } from '../schema/number.ts';

export type SearchRecord = Record<FacetName, string[]> & {
  /** `<docId>_<section index>`. */
  id: string;
  docId: string;
  /** The part of a long document the section is in (see content/parts.ts); 0 for most. */
  part: number;
  anchor: string;
  heading: string;
  title: string;
  number: string | null;
  /** The number's canonical key and its short forms ("57-nq"), for number look-ups. */
  numberKeys: string[];
  issuer: string[];
  issued: string | null;
  issuedTs: number | null;
  /** From when the document applies (effective, else issued) and until when. */
  effectiveTs: number | null;
  expiresTs: number | null;
  summary: string | null;
  /** When the document last changed in the archive (its newest source's ingest), in seconds: OAI-PMH datestamps. */
  datestampTs: number;
  text: string;
  /** `<relation type>:<target id>` per resolved relation, for incoming-relation look-ups. */
  relationLinks: string[];
};

/** Attributes the portal reads back from a hit. */
export const RETRIEVED_ATTRIBUTES = [
  'docId',
  'part',
  'anchor',
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
  'datestampTs',
] as const satisfies readonly (keyof SearchRecord)[];

// A section longer than this is cut: Meilisearch indexes the first 65,535 words
// of an attribute, and a cropped snippet needs only the neighbourhood of a match.
const MAX_SECTION_CHARS = 50_000;
// A document with more sections has them grouped, neighbours together, into about this many records.
const MAX_SECTIONS = 300;

type PartSection = ReturnType<typeof sections>[number] & { part: number };

/**
 * Neighbouring sections of one part merged into a record, so that every part of
 * a long document stays searchable in a bounded number of records; a hit
 * links to the group's first section.
 */
function groupSections(all: PartSection[]): PartSection[] {
  const size = Math.ceil(all.length / MAX_SECTIONS);
  const groups: PartSection[] = [];
  let current: PartSection | undefined;
  let count = 0;
  for (const section of all) {
    if (current?.part === section.part && count < size) {
      current.text += `\n\n${section.heading}\n${section.text}`;
      count++;
      continue;
    }
    current = { ...section };
    groups.push(current);
    count = 1;
  }
  return groups;
}

const timestamp = (iso: string | undefined) => (iso ? isoDateToTimestamp(iso) : null);

/**
 * The newest ingest time of the document's sources, in whole seconds. A copy
 * filed at a higher level than the document does not count: its arrival is not
 * for everyone who sees the document to learn.
 */
export function datestampOf(meta: Pick<ArchiveDocument, 'sources' | 'classification'>): number {
  const sources = meta.sources.filter(
    (source) =>
      source.classification === undefined || canSee(meta.classification, source.classification),
  );
  const newest = Math.max(0, ...sources.map((source) => Date.parse(source.ingestedAt)));
  return Math.floor(newest / 1000);
}

export function toRecords({ meta, body }: StoredDocument): SearchRecord[] {
  const shared = {
    ...facetValues(meta),
    docId: meta.id,
    title: meta.title,
    number: meta.number ?? null,
    numberKeys: meta.number ? numberKeys(meta.number) : [],
    issued: meta.issued ?? null,
    issuedTs: timestamp(meta.issued),
    effectiveTs: timestamp(meta.effective ?? meta.issued),
    expiresTs: timestamp(meta.expires),
    summary: meta.summary ?? null,
    datestampTs: datestampOf(meta),
    relationLinks: relationLinks(meta),
  };
  // Section by section, one part of a long document at a time: never the whole body parsed at once.
  const parts = splitParts(body).flatMap((text, part) =>
    sections(text, part === 0 ? meta.title : undefined).map((section) => ({ ...section, part })),
  );
  if (parts.length > MAX_SECTIONS) parts.splice(0, parts.length, ...groupSections(parts));
  if (parts.length === 0) parts.push({ anchor: '', heading: '', depth: 0, text: '', part: 0 });
  return parts.map((section, index) => ({
    ...shared,
    id: `${meta.id}_${String(index)}`,
    part: section.part,
    anchor: section.anchor,
    heading: section.heading,
    text: section.text.slice(0, MAX_SECTION_CHARS),
  }));
}

export function relationLink(type: RelationType, id: string): string {
  return `${type}:${id}`;
}

function relationLinks(meta: ArchiveDocument): string[] {
  const links = meta.relations.flatMap((r) => (r.id ? [relationLink(r.type, r.id)] : []));
  return [...new Set(links)];
}
