/**
 * The kinds of document, declared once: the Vietnamese name, the sign that
 * numbers carry ("NQ" in "57-NQ/TW"), the English name, and what each is in the
 * vocabularies others read (schema.org, CSL). The schema's type list, number
 * parsing, type detection in the text, the interface labels and the
 * crosswalks all derive from this table.
 */
interface TypeEntry {
  vi: string;
  en: string;
  /** The sign in a document number, as staff write it; kinds without one are never numbered. */
  sign?: string;
  /** schema.org type (default Legislation: what an authority issues). */
  schemaOrg?: string;
  /** CSL item type for citations (default legislation). */
  csl?: string;
}

export const TYPE_TABLE = {
  resolution: { vi: 'Nghị quyết', en: 'Resolution', sign: 'NQ' },
  decision: { vi: 'Quyết định', en: 'Decision', sign: 'QĐ' },
  directive: { vi: 'Chỉ thị', en: 'Directive', sign: 'CT' },
  conclusion: { vi: 'Kết luận', en: 'Conclusion', sign: 'KL' },
  regulation: { vi: 'Quy định', en: 'Regulation', sign: 'QĐi' },
  guideline: { vi: 'Hướng dẫn', en: 'Guideline', sign: 'HD' },
  plan: { vi: 'Kế hoạch', en: 'Plan', sign: 'KH' },
  report: { vi: 'Báo cáo', en: 'Report', sign: 'BC', schemaOrg: 'Report', csl: 'report' },
  announcement: {
    vi: 'Thông báo',
    en: 'Announcement',
    sign: 'TB',
    schemaOrg: 'CreativeWork',
    csl: 'document',
  },
  letter: {
    vi: 'Công văn',
    en: 'Letter',
    sign: 'CV',
    schemaOrg: 'Message',
    csl: 'personal_communication',
  },
  article: { vi: 'Bài viết', en: 'Article', schemaOrg: 'Article', csl: 'article' },
  declaration: { vi: 'Tuyên bố', en: 'Declaration' },
  image: { vi: 'Hình ảnh', en: 'Image', schemaOrg: 'Photograph', csl: 'graphic' },
  other: { vi: 'Khác', en: 'Other', schemaOrg: 'CreativeWork', csl: 'document' },
} as const satisfies Record<string, TypeEntry>;

export type DocumentType = keyof typeof TYPE_TABLE;
export const DOCUMENT_TYPES = Object.keys(TYPE_TABLE) as [DocumentType, ...DocumentType[]];

const entry = (type: DocumentType): TypeEntry => TYPE_TABLE[type];

/** The kinds that carry a sign in their numbers, with it: the administrative documents. */
export const SIGNED_TYPES: readonly { type: DocumentType; sign: string; vi: string; en: string }[] =
  DOCUMENT_TYPES.flatMap((type) => {
    const { sign, vi, en } = entry(type);
    return sign ? [{ type, sign, vi, en }] : [];
  });

export function schemaOrgType(type: DocumentType): string {
  return entry(type).schemaOrg ?? 'Legislation';
}

export function cslType(type: DocumentType): string {
  return entry(type).csl ?? 'legislation';
}

/** The interface labels of every kind in one language: `type.<kind>` keys of the strings files. */
export function typeLabels(language: 'vi' | 'en'): Record<`type.${DocumentType}`, string> {
  return Object.fromEntries(
    DOCUMENT_TYPES.map((type) => [`type.${type}`, entry(type)[language]]),
  ) as Record<`type.${DocumentType}`, string>;
}
