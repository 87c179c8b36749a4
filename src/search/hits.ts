/** A Meilisearch hit as the portal answers it: the contract's fields and an escaped snippet. */
import type { Hit } from 'meilisearch';
import type { SearchRecord } from '../meili/records.ts';
import type { Classification, DocumentType } from '../schema/document.ts';
import { MARK_END, MARK_START } from './request.ts';

export interface SearchHit {
  id: string;
  title: string;
  number: string | null;
  type: DocumentType;
  issuer: string | null;
  issued: string | null;
  language: string;
  classification: Classification;
  url: string;
  /** HTML: escaped text with matches in `<mark>`. */
  snippet: string;
}

/** Without a query, the summary says more than the document's opening lines. */
export function toHit(hit: Hit<SearchRecord>, hasQuery: boolean): SearchHit {
  const cropped = typeof hit._formatted?.text === 'string' ? hit._formatted.text : '';
  const title = typeof hit._formatted?.title === 'string' ? hit._formatted.title : hit.title;
  // A photograph has no text: its highlighted title is the best snippet there is.
  const snippetSource = (hasQuery ? cropped : (hit.summary ?? cropped)) || hit.summary || title;
  // With a query, the link leads to the section that matched, in its part of a long document.
  const part = hasQuery && hit.part > 0 ? `?part=${String(hit.part + 1)}` : '';
  const anchor = hasQuery && hit.anchor ? `#${hit.anchor}` : '';
  return {
    id: hit.docId,
    title: hit.title,
    number: hit.number,
    type: hit.type[0] as DocumentType,
    issuer: hit.issuer[0] ?? null,
    issued: hit.issued,
    language: hit.language[0] ?? 'und',
    classification: hit.classification[0] as Classification,
    url: `/documents/${hit.docId}${part}${anchor}`,
    snippet: markSnippet(snippetSource),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** Escapes the snippet, then turns the match markers into `<mark>`. */
function markSnippet(text: string): string {
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
