/**
 * What the index holds: one record per document, carrying its metadata and its
 * text, so that Meilisearch counts documents (facets, totals) without
 * `distinct`, which cost more than everything else a search asks. The text
 * keeps where each section starts, so that a hit links to the section that
 * matched. Derived from the schema, never declared twice.
 */
import { splitParts } from '../content/parts.ts';
import { sections } from '../content/render.ts';
import type { StoredDocument } from '../content/store.ts';
import { isoDateToTimestamp } from '../schema/date.ts';
import { canSee } from '../access/clearance.ts';
import type { ArchiveDocument, RelationType } from '../schema/document.ts';
import { facetValues, type FacetName } from '../schema/facets.ts';
import { numberKeys } from '../schema/number.ts';
import { WORD } from '../schema/fold.ts';

export type SearchRecord = Record<FacetName, string[]> & {
  /** The document id. */
  id: string;
  docId: string;
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
  /** The section headings, in order. */
  headings: string[];
  /** The text of the sections, up to TEXT_CHARS: all of nearly every document. */
  text: string;
  /** Where each section's text starts in `text`, and its anchor. */
  sectionStarts: number[];
  sectionAnchors: string[];
  /**
   * A document longer than `text`: the other words of the rest, each once, so
   * that any word of it finds the document. Where it stands is found in the
   * content (search/locate.ts).
   */
  more: string;
  long: boolean;
  /** A scan whose text came from OCR: its hits link to its pages with the words marked. */
  scan: boolean;
  /** `<relation type>:<target id>` per resolved relation, for incoming-relation look-ups. */
  relationLinks: string[];
  /**
   * A withdrawn document's tombstone: kept so that the gate knows it (410 to those
   * who could see it) and OAI-PMH lists it as deleted; every listing filters it out
   * (meili/filters.ts, listedFilter).
   */
  withdrawn: boolean;
  /** When a scheduled declassification falls due (UTC midnight of its day), for the scheduler. */
  declassifyTs: number | null;
};

/** Attributes the portal reads back from a hit. */
export const RETRIEVED_ATTRIBUTES = [
  'docId',
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
  'headings',
  'text',
  'sectionStarts',
  'sectionAnchors',
  'long',
  'scan',
  'withdrawn',
  'collection',
] as const satisfies readonly (keyof SearchRecord)[];

// Meilisearch indexes the first 65,535 positions of an attribute; 50,000
// characters stay well below, and a snippet needs only the neighbourhood of a match.
export const TEXT_CHARS = 50_000;
// Words of the rest of a long document, and headings, kept for the same limit.
const MAX_MORE_WORDS = 30_000;
const MAX_HEADINGS = 2_000;

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

export function toRecord(document: StoredDocument): SearchRecord {
  return document.meta.withdrawn ? tombstone(document.meta) : fullRecord(document);
}

/** What every record says of its document, a tombstone's too: who may see it, and what it is. */
function identity(meta: ArchiveDocument) {
  return {
    ...facetValues(meta),
    id: meta.id,
    docId: meta.id,
    title: meta.title,
    number: meta.number ?? null,
    issued: meta.issued ?? null,
    issuedTs: timestamp(meta.issued),
  };
}

/**
 * What the index keeps of a withdrawn document: who may know of it and what its
 * tombstone says, none of its text. Its datestamp is the withdrawal, so that a
 * harvester's next incremental run learns of the deletion.
 */
function tombstone(meta: ArchiveDocument): SearchRecord {
  return {
    ...identity(meta),
    numberKeys: [],
    effectiveTs: null,
    expiresTs: null,
    summary: null,
    datestampTs: Math.floor(Date.parse(meta.withdrawn?.at ?? '') / 1000) || datestampOf(meta),
    relationLinks: [],
    headings: [],
    text: '',
    sectionStarts: [],
    sectionAnchors: [],
    more: '',
    long: false,
    scan: false,
    withdrawn: true,
    declassifyTs: timestamp(meta.declassify?.on),
  };
}

function fullRecord({ meta, body }: StoredDocument): SearchRecord {
  const headings: string[] = [];
  const starts: number[] = [];
  const anchors: string[] = [];
  let text = '';
  const rest = new Set<string>();
  // Section by section, one part of a long document at a time: never the whole body parsed at once.
  splitParts(body).forEach((partText, part) => {
    for (const section of sections(partText, part === 0 ? meta.title : undefined)) {
      if (section.heading && headings.length < MAX_HEADINGS) headings.push(section.heading);
      // Composed (NFC), as snippets find words in it (search/snippet.ts).
      const plain = section.text.normalize('NFC');
      let beyond = plain;
      if (part === 0 && text.length < TEXT_CHARS) {
        const room = TEXT_CHARS - text.length;
        starts.push(text.length);
        anchors.push(section.anchor);
        text += `${plain.slice(0, room)}\n\n`;
        beyond = plain.slice(room);
      }
      for (const word of beyond.match(WORD) ?? []) {
        if (rest.size >= MAX_MORE_WORDS) break;
        rest.add(word.toLowerCase());
      }
    }
  });
  return {
    ...identity(meta),
    numberKeys: meta.number ? numberKeys(meta.number) : [],
    effectiveTs: timestamp(meta.effective ?? meta.issued),
    expiresTs: timestamp(meta.expires),
    summary: meta.summary ?? null,
    datestampTs: datestampOf(meta),
    relationLinks: relationLinks(meta),
    headings,
    text: text.trimEnd(),
    sectionStarts: starts,
    sectionAnchors: anchors,
    more: [...rest].join(' '),
    long: rest.size > 0,
    scan: meta.ocr !== undefined,
    withdrawn: false,
    declassifyTs: timestamp(meta.declassify?.on),
  };
}

export function relationLink(type: RelationType, id: string): string {
  return `${type}:${id}`;
}

function relationLinks(meta: ArchiveDocument): string[] {
  const links = meta.relations.flatMap((r) => (r.id ? [relationLink(r.type, r.id)] : []));
  return [...new Set(links)];
}
