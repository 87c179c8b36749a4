/**
 * A document as a citation: a CSL-JSON item made from its metadata, and from
 * that item BibLaTeX and RIS written by citation-js, so that what a researcher
 * downloads is what reference managers (Zotero, EndNote, JabRef) read.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { ArchiveDocument } from '../schema/document.ts';
import { cslType } from '../schema/types.ts';

export const CITATION_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/** What each format is served as. */
export const CITATION_MEDIA: Record<CitationFormat, { type: string; extension: string }> = {
  bibtex: { type: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
  ris: { type: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  'csl-json': { type: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json' },
};

export type CitedDocument = Pick<
  ArchiveDocument,
  'id' | 'title' | 'type' | 'language' | 'number' | 'issuer' | 'issued' | 'summary'
>;

/** Where the citation points and who keeps the document. */
export interface CitationContext {
  /** The document's absolute permalink. */
  url: string;
  /** The archive's name, as publisher. */
  publisher: string;
  /** When the visitor read it. */
  accessed: Date;
}

// CSL item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).

// Unicode in BibLaTeX (biber and every reference manager read UTF-8), and our ids as keys.
const bibtexConfig = plugins.config.get('@bibtex') as {
  format: { asciiOnly: boolean; useIdAsLabel: boolean };
};
bibtexConfig.format.asciiOnly = false;
bibtexConfig.format.useIdAsLabel = true;

const dateParts = (iso: string) => ({ 'date-parts': [iso.split('-').map(Number)] });

/** The CSL-JSON item: the format the others are made from. */
export function cslItem(doc: CitedDocument, context: CitationContext): Record<string, unknown> {
  return {
    id: doc.id,
    type: cslType(doc.type),
    title: doc.title,
    ...(doc.number ? { number: doc.number } : {}),
    ...(doc.issuer ? { author: [{ literal: doc.issuer }], authority: doc.issuer } : {}),
    ...(doc.issued ? { issued: dateParts(doc.issued) } : {}),
    ...(doc.summary ? { abstract: doc.summary } : {}),
    language: doc.language,
    publisher: context.publisher,
    URL: context.url,
    accessed: dateParts(context.accessed.toISOString().slice(0, 10)),
  };
}

/**
 * The citation in one format. "bibtex" is BibLaTeX: its `@legislation` keeps
 * the document's number, which classic BibTeX's `@misc` drops.
 */
export function formatCitation(
  doc: CitedDocument,
  format: CitationFormat,
  context: CitationContext,
): string {
  const cite = new Cite([cslItem(doc, context)]);
  if (format === 'csl-json') return `${cite.format('data') as string}\n`;
  const text = cite.format(format === 'bibtex' ? 'biblatex' : 'ris') as string;
  return `${text.trim()}\n`;
}

/**
 * The citation as a person copies it: issuer, title (number), date. Archive,
 * permalink (none for an offline edition that knows no portal).
 */
export function citationText(
  doc: CitedDocument,
  context: Omit<CitationContext, 'accessed' | 'url'> & { url: string | undefined },
): string {
  const what = [doc.issuer, doc.number ? `${doc.title} (${doc.number})` : doc.title, doc.issued]
    .filter(Boolean)
    .join(', ');
  return context.url
    ? `${what}. ${context.publisher}, ${context.url}`
    : `${what}. ${context.publisher}.`;
}
