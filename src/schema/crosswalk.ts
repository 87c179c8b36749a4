/**
 * A document's metadata in the vocabularies others read: Dublin Core (OAI-PMH's
 * oai_dc and the `DC.*` meta tags of its page, so the two never disagree) and
 * schema.org (`Legislation` JSON-LD for search engines and Zotero's translators).
 */
import type { ArchiveDocument } from './document.ts';
import { schemaOrgType } from './types.ts';

export type Described = Pick<
  ArchiveDocument,
  'id' | 'title' | 'type' | 'language' | 'number' | 'issuer' | 'issued' | 'summary' | 'subjects'
> &
  Partial<Pick<ArchiveDocument, 'effective' | 'expires' | 'status'>>;

/** The fifteen-element Dublin Core record, as far as the document has the values. */
export interface DublinCore {
  title: string;
  creator: string | undefined;
  subject: string[];
  description: string | undefined;
  date: string | undefined;
  type: string;
  identifier: string[];
  language: string;
}

/** The Dublin Core record; without a permalink (an edition with no portal) its identifier is the number. */
export function dublinCore(doc: Described, permalink: string | undefined): DublinCore {
  return {
    title: doc.title,
    creator: doc.issuer,
    subject: doc.subjects,
    description: doc.summary,
    date: doc.issued,
    type: doc.type,
    identifier: [...(permalink ? [permalink] : []), ...(doc.number ? [doc.number] : [])],
    language: doc.language,
  };
}

// https://schema.org/LegalForceStatus
const LEGAL_FORCE: Partial<Record<NonNullable<Described['status']>, string>> = {
  'in-force': 'https://schema.org/InForce',
  'partly-in-force': 'https://schema.org/PartiallyInForce',
  expired: 'https://schema.org/NotInForce',
  repealed: 'https://schema.org/NotInForce',
  'not-yet-in-force': 'https://schema.org/NotInForce',
};

/** schema.org JSON-LD (https://schema.org/Legislation), as an object to serialise. */
export function schemaOrg(doc: Described, permalink: string, archive: string): object {
  const type = schemaOrgType(doc.type);
  const legislation = type === 'Legislation';
  const issuer = doc.issuer ? { '@type': 'Organization', name: doc.issuer } : undefined;
  const force = doc.status ? LEGAL_FORCE[doc.status] : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': type,
    '@id': permalink,
    url: permalink,
    name: doc.title,
    inLanguage: doc.language,
    ...(doc.summary ? { abstract: doc.summary } : {}),
    ...(doc.subjects.length > 0 ? { keywords: doc.subjects } : {}),
    ...(doc.issued ? { datePublished: doc.issued } : {}),
    ...(issuer ? { creator: issuer } : {}),
    ...(doc.number ? { identifier: doc.number } : {}),
    ...(legislation && doc.number ? { legislationIdentifier: doc.number } : {}),
    ...(legislation && doc.issued ? { legislationDate: doc.issued } : {}),
    ...(legislation && issuer ? { legislationPassedBy: issuer } : {}),
    ...(legislation && force ? { legislationLegalForce: force } : {}),
    ...(legislation && doc.effective ? { legislationDateVersion: doc.effective } : {}),
    ...(legislation && doc.expires ? { expires: doc.expires } : {}),
    provider: { '@type': 'ArchiveOrganization', name: archive },
  };
}

/** JSON for a `<script type="application/ld+json">`: no `<` that could close the element. */
export function jsonLdText(value: object): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
