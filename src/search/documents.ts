/**
 * One document as a visitor may see it: its metadata, sections and the
 * relations in both directions, each limited to visible documents.
 */
import { visibleSources, type Clearance } from '../access/clearance.ts';
import { readGated, type Reader } from '../access/gate.ts';
import { readDocument, type StoredDocument } from '../content/store.ts';
import { readVersion, versionOf } from '../content/versions.ts';
import { splitParts } from '../content/parts.ts';
import { renderHtml, sections, type Section } from '../content/render.ts';
import { relationLink, type SearchRecord } from '../meili/records.ts';
import {
  documentIdSchema,
  RELATION_TYPES,
  type ArchiveDocument,
  type Classification,
} from '../schema/document.ts';
import { inFilter, listedFilter, quoteFilterValue } from '../meili/filters.ts';
import { numberKey } from '../schema/number.ts';
import { guard, type SearchBackend } from '../meili/guard.ts';
import { documentPath } from './url.ts';
import { citedLinks, withShared, type LinkedDocument } from '../view/document/model.ts';

export type { LinkedDocument };

export interface DocumentView {
  meta: Omit<ArchiveDocument, 'inputHash'>;
  /** Shown for an earlier version: the version the document is at now. */
  current?: { version: number };
  /** The part shown (from 1) of how many: a long document is read a part at a time. */
  part: { number: number; count: number };
  /** The sections and HTML of that part only. */
  sections: Section[];
  html: string;
  relations: { outgoing: LinkedDocument[]; incoming: LinkedDocument[] };
}

const MAX_INCOMING = 200;

/** A document's classification as indexed, or undefined when the index has no such id. */
export async function indexedClassification(
  backend: SearchBackend,
  id: string,
): Promise<Classification | undefined> {
  if (!documentIdSchema.safeParse(id).success) return undefined;
  const found = await guard(() =>
    backend.client.index<SearchRecord>(backend.index).search('', {
      filter: [inFilter('docId', [id])],
      attributesToRetrieve: ['classification'],
      limit: 1,
    }),
  );
  return found.hits[0]?.classification[0] as Classification | undefined;
}

/**
 * The document, or undefined when it does not exist for this visitor.
 * `gate` answers whether it exists at all (see access/gate.ts).
 */
export async function getDocumentView(
  contentDir: string,
  backend: SearchBackend,
  id: string,
  reader: Reader,
  classificationOf: (id: string) => Promise<Classification | undefined>,
  part = 1,
  /** A page's path in the reader's language: the links in the text lead there. */
  localize: (path: string) => string = (path) => path,
  /** An earlier version (content/versions.ts); undefined: the current one. */
  version?: number,
): Promise<DocumentView | undefined> {
  const found = await readDocumentVersion(contentDir, id, reader, classificationOf, version);
  if (!found) return undefined;
  const { stored, current } = found;
  const parts = splitParts(stored.body);
  const text = parts[part - 1];
  // A part the document does not have is as missing as a document.
  if (text === undefined) return undefined;
  const { clearance } = reader;
  const [outgoing, incoming] = await Promise.all([
    outgoingRelations(backend, stored, clearance),
    incomingRelations(backend, id, clearance),
  ]);
  const meta = visibleMeta(stored.meta, clearance);
  return {
    meta,
    ...(current === undefined ? {} : { current: { version: current } }),
    part: { number: part, count: parts.length },
    sections: sections(text, part === 1 ? meta.title : undefined),
    html: renderHtml(text, part === 1 ? meta.title : undefined, citedLinks(outgoing, localize)),
    relations: { outgoing, incoming },
  };
}

/**
 * A document as it is, or one of its earlier versions, through the gate: the
 * stricter of the current level (the index) and the version's own applies.
 * `current` is the version the document is at now, when an earlier one was read.
 */
export async function readDocumentVersion(
  contentDir: string,
  id: string,
  reader: Reader,
  classificationOf: (id: string) => Promise<Classification | undefined>,
  version?: number,
): Promise<{ stored: StoredDocument; current?: number } | undefined> {
  const now = await readGated(id, reader, classificationOf, (gated) =>
    readDocument(contentDir, gated),
  );
  if (!now || version === undefined || version === versionOf(now)) return now && { stored: now };
  const earlier = await readGated(id, reader, classificationOf, (gated) =>
    readVersion(contentDir, gated, version),
  );
  return earlier && { stored: earlier, current: versionOf(now) };
}

/**
 * One document's metadata as the visitor may see it, without its text: for
 * citations. Undefined when the document does not exist for them.
 */
export async function getVisibleMeta(
  contentDir: string,
  id: string,
  reader: Reader,
  classificationOf: (id: string) => Promise<Classification | undefined>,
): Promise<DocumentView['meta'] | undefined> {
  const stored = await readGated(id, reader, classificationOf, (gated) =>
    readDocument(contentDir, gated),
  );
  return stored && visibleMeta(stored.meta, reader.clearance);
}

/** Internal fields left out, and only the sources the visitor may know of. */
function visibleMeta(meta: ArchiveDocument, clearance: Clearance): DocumentView['meta'] {
  const { inputHash: _internal, ...rest } = meta;
  return { ...rest, sources: visibleSources(rest, clearance) };
}

async function outgoingRelations(
  backend: SearchBackend,
  { meta }: StoredDocument,
  clearance: Clearance,
): Promise<LinkedDocument[]> {
  const ids = [...new Set(meta.relations.flatMap((r) => (r.id ? [r.id] : [])))];
  const [titles, carriers] = await Promise.all([
    visibleTitles(backend, ids, clearance),
    numberCarriers(backend, meta, clearance),
  ]);
  // A target the visitor may not see is shown as the plain citation it is in the text.
  const links = meta.relations.map((relation): LinkedDocument => {
    const title = relation.id ? titles.get(relation.id) : undefined;
    const id = title === undefined ? null : (relation.id ?? null);
    return {
      type: relation.type,
      target: relation.target,
      id,
      title: title ?? null,
      url: id ? documentPath(id) : null,
    };
  });
  return withShared(
    links,
    (key) => carriers.get(key) ?? 0,
    (number) => `/search?q=${encodeURIComponent(number)}`,
  );
}

async function visibleTitles(
  backend: SearchBackend,
  ids: string[],
  clearance: Clearance,
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  if (ids.length === 0) return titles;
  const found = await guard(() =>
    backend.client.index<SearchRecord>(backend.index).search('', {
      filter: [inFilter('docId', ids), listedFilter(clearance)],
      attributesToRetrieve: ['docId', 'title'],
      limit: ids.length,
    }),
  );
  for (const doc of found.hits) titles.set(doc.docId, doc.title);
  return titles;
}

/**
 * How many documents this reader may see carry each number the document cites
 * (itself left out): one facet count, so a number shared by a document above
 * the reader's clearance is never counted for them.
 */
async function numberCarriers(
  backend: SearchBackend,
  meta: ArchiveDocument,
  clearance: Clearance,
): Promise<Map<string, number>> {
  const keys = [
    ...new Set(meta.relations.flatMap((r) => (r.target === r.id ? [] : [numberKey(r.target)]))),
  ].filter(Boolean);
  if (keys.length === 0) return new Map();
  const found = await guard(() =>
    backend.client.index<SearchRecord>(backend.index).search('', {
      filter: [
        inFilter('numberKeys', keys),
        listedFilter(clearance),
        `docId != ${quoteFilterValue(meta.id)}`,
      ],
      facets: ['numberKeys'],
      limit: 0,
    }),
  );
  const counts = found.facetDistribution?.['numberKeys'] ?? {};
  return new Map(keys.map((key) => [key, counts[key] ?? 0]));
}

async function incomingRelations(
  backend: SearchBackend,
  id: string,
  clearance: Clearance,
): Promise<LinkedDocument[]> {
  const links = RELATION_TYPES.map((type) => relationLink(type, id));
  const found = await guard(() =>
    backend.client.index<SearchRecord>(backend.index).search('', {
      filter: [inFilter('relationLinks', links), listedFilter(clearance)],
      attributesToRetrieve: ['docId', 'title', 'number', 'relationLinks'],
      limit: MAX_INCOMING,
    }),
  );
  return found.hits.flatMap((source) =>
    RELATION_TYPES.filter((type) => source.relationLinks.includes(relationLink(type, id))).map(
      (type) => ({
        type,
        target: source.number ?? source.title,
        id: source.docId,
        title: source.title,
        url: documentPath(source.docId),
      }),
    ),
  );
}
