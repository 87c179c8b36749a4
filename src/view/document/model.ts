/**
 * What a document page shows, whoever renders it: the live portal (for one
 * visitor, in their language) and the offline edition (public, Vietnamese,
 * relative links). Both build this model and hand it to the same components
 * (./components.ts), so the two pages cannot drift apart.
 */
import type { Section } from '../../content/render.ts';
import type { CitationFormat } from '../../export/citation.ts';
import type { Strings } from '../../i18n/index.ts';
import type { ArchiveDocument, RelationType } from '../../schema/document.ts';
import { numberKey } from '../../schema/number.ts';

export interface LinkedDocument {
  type: RelationType;
  /** The target as written (outgoing) or the source's number (incoming). */
  target: string;
  id: string | null;
  title: string | null;
  /** Where the linked document is read from this page; null when the reader may not see it. */
  url: string | null;
  /**
   * A citation by a number that several documents the reader may see carry
   * (the citing one not counted): how many, and where they are listed. Counted
   * when the page is made, for its reader, never stored in the citing document.
   */
  shared?: { count: number; href: string };
}

/** A picture of the document: an image's rendition, or a scan's page. */
export interface Figure {
  src: string;
  width: number;
  height: number;
  alt: string;
  /** What a click on it opens (the original), if anything. */
  href?: string;
  caption?: string;
}

export interface DocumentModel {
  meta: Omit<ArchiveDocument, 'inputHash'>;
  /** The interface's language and words. */
  ui: Strings;
  /** `lang` on the document's own words, when their language is not the interface's. */
  lang: string | undefined;
  /** The part shown (from 1) of how many, and where part `n` is read. */
  part: { number: number; count: number };
  partHref: (n: number) => string;
  /** The sections of that part and its HTML (sanitised by the content module's renderer). */
  sections: Section[];
  html: string;
  /** Both directions; `url`s already lead where this page's reader goes. */
  relations: { outgoing: LinkedDocument[]; incoming: LinkedDocument[] };
  /** The original as received, where it can be downloaded from this page. */
  originalHref: string | undefined;
  figures: Figure[];
  /** The citation as a person copies it, and where each citation format is downloaded. */
  citation: string;
  citeHref?: (format: CitationFormat) => string;
  /** Where the list of versions is, when the document has earlier ones (the live portal). */
  versionsHref?: string;
  /** Showing an earlier version: which is current, and where it is read. */
  current?: { version: number; href: string };
}

/**
 * `shared` for each relation by number whose number more than one document
 * carries, from how many documents carry each number key (`carriers`).
 */
export function withShared(
  links: LinkedDocument[],
  carriers: (key: string) => number,
  href: (number: string) => string,
): LinkedDocument[] {
  return links.map((link) => {
    if (link.target === link.id) return link;
    const count = carriers(numberKey(link.target));
    return count > 1 ? { ...link, shared: { count, href: href(link.target) } } : link;
  });
}

/**
 * The numbers cited in the text that lead somewhere for this reader: relations
 * by number to a document they may see (only those have a url), each to the
 * linked document's page as `href` writes it.
 */
export function citedLinks(
  outgoing: LinkedDocument[],
  href: (url: string) => string = (url) => url,
): Map<string, string> {
  const links = new Map<string, string>();
  for (const { target, id, url } of outgoing) {
    if (url && target !== id) links.set(numberKey(target), href(url));
  }
  return links;
}
