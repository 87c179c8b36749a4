/** A Meilisearch hit as the portal answers it: the contract's fields and an escaped snippet. */
import type { Hit } from 'meilisearch';
import type { SearchRecord } from '../meili/records.ts';
import type { Classification, DocumentType, Status } from '../schema/document.ts';
import { highlight, MARK_END, MARK_START, mentions, snippetOf } from './snippet.ts';
import { documentPath } from './url.ts';

export interface SearchHit {
  id: string;
  title: string;
  number: string | null;
  type: DocumentType;
  issuer: string | null;
  issued: string | null;
  language: string;
  classification: Classification;
  /** Validity: in force, expired, repealed… */
  status: Status;
  url: string;
  /** HTML: escaped text with matches in `<mark>`. */
  snippet: string;
  /** The query was this document's number, exactly. */
  numberMatch?: true;
}

/** Where the query stands in a document: the part (from 0), the section's anchor, the snippet. */
export interface Location {
  part: number;
  anchor: string;
  /** Plain text with match markers. */
  snippet: string;
}

/** The anchor of the section that holds `offset` of the record's text. */
function anchorAt(record: SearchRecord, offset: number): string {
  let anchor = '';
  record.sectionStarts.forEach((start, i) => {
    if (start <= offset) anchor = record.sectionAnchors[i] ?? '';
  });
  return anchor;
}

/**
 * The query's place in the text the hit carries; undefined when it is not
 * there: a long document whose match lies beyond `text` (see locate.ts).
 */
export function locateInRecord(record: SearchRecord, query: string): Location | undefined {
  const found = snippetOf(record.text, query);
  if (found.offset !== undefined) {
    return { part: 0, anchor: anchorAt(record, found.offset), snippet: found.text };
  }
  if (record.long) return undefined;
  // A heading that matched: the k-th heading is the k-th section with an anchor.
  const heading = record.headings.findIndex((text) => mentions(text, query));
  const anchored = record.sectionAnchors.filter((anchor) => anchor !== '');
  return { part: 0, anchor: heading === -1 ? '' : (anchored[heading] ?? ''), snippet: found.text };
}

/**
 * Without a query, the summary says more than the document's opening lines.
 * With one, the link leads to the section that matched, in its part of a long document.
 */
export function toHit(
  hit: Hit<SearchRecord>,
  location: Location | undefined,
  query = '',
): SearchHit {
  // A photograph has no text: its highlighted title is the best snippet there is.
  const snippet =
    (location ? location.snippet : (hit.summary ?? snippetOf(hit.text, '').text)) ||
    hit.summary ||
    highlight(hit.title, query);
  const params = new URLSearchParams();
  if (location && location.part > 0) params.set('part', String(location.part + 1));
  // A scan shows its pages with the query's words marked on them (ocr/view.ts).
  if (hit.scan && query.trim()) params.set('hl', query.trim());
  const part = params.size > 0 ? `?${params.toString()}` : '';
  const anchor = location?.anchor ? `#${location.anchor}` : '';
  return {
    id: hit.docId,
    title: hit.title,
    number: hit.number,
    type: hit.type[0] as DocumentType,
    issuer: hit.issuer[0] ?? null,
    issued: hit.issued,
    language: hit.language[0] ?? 'und',
    classification: hit.classification[0] as Classification,
    status: (hit.status[0] ?? 'unknown') as Status,
    url: `${documentPath(hit.docId)}${part}${anchor}`,
    snippet: markSnippet(snippet),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** Escapes the snippet, then turns the match markers into `<mark>`. */
function markSnippet(text: string): string {
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
