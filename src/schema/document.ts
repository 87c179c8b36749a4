/**
 * The one document schema. Ingestion, the content reader, the indexer and the
 * pages all derive from it; nothing else declares a field list.
 */
import { z } from 'zod';

// The kinds of document, their names and signs: schema/types.ts.
import { DOCUMENT_TYPES, type DocumentType } from './types.ts';
export { DOCUMENT_TYPES, type DocumentType };

export const STATUSES = [
  'in-force',
  'partly-in-force',
  'not-yet-in-force',
  'expired',
  'repealed',
  'unknown',
] as const;
export type Status = (typeof STATUSES)[number];

/** Lowest to highest: the order matters, clearance compares positions. */
export const CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'secret',
  'top-secret',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const RELATION_TYPES = ['implements', 'amends', 'replaces', 'repeals', 'cites'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const SOURCE_FORMATS = ['md', 'txt', 'html', 'docx', 'pdf', 'image'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

const isoDate = z.iso.date({ error: 'expected an ISO date (YYYY-MM-DD)' });
const text = z.string().trim().min(1, { error: 'must not be empty' });

export const relationSchema = z.strictObject({
  type: z.enum(RELATION_TYPES),
  /** A document number as written, or a document id. */
  target: text,
  /** The target's id once it is known to the archive. */
  id: z.string().optional(),
  /**
   * Written by versions before 2026-11-30 (how many documents had the cited
   * number): still read, never written. The count is now made when a page
   * shows it, for its reader (`LinkedDocument.shared`).
   */
  candidates: z.number().int().min(2).optional(),
});
export type Relation = z.infer<typeof relationSchema>;

/**
 * Metadata as people supply it (manifest, sidecar, front matter): every field
 * optional, unknown fields refused so that a misspelt key is caught.
 */
export const metadataSchema = z.strictObject({
  title: text.optional(),
  number: text.optional(),
  type: z.enum(DOCUMENT_TYPES).optional(),
  issuer: text.optional(),
  issued: isoDate.optional(),
  effective: isoDate.optional(),
  expires: isoDate.optional(),
  status: z.enum(STATUSES).optional(),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'expected a BCP 47 language tag' })
    .optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  subjects: z.array(text).optional(),
  summary: text.optional(),
  relations: z.array(relationSchema).optional(),
  /**
   * Declassification on schedule: from this day the document is at the lower
   * level `to` on every path (applied at start and hourly by the portal, or by
   * `npm run declassify`).
   */
  declassify: z.strictObject({ on: isoDate, to: z.enum(CLASSIFICATIONS) }).optional(),
});
export type Metadata = z.infer<typeof metadataSchema>;
export const METADATA_FIELDS = metadataSchema.keyof().options;

/**
 * A collection: the folders one agency or fonds hands over, ingested under one
 * name (`ingest --collection`, by default the input folder's). It scopes
 * document ids, so two collections never collide, and is a facet and an
 * OAI-PMH set; hence ASCII, safe in URLs, filters and set specs.
 */
export const collectionSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
  error:
    'expected a collection name: 1 to 64 lower-case ASCII letters, digits, ".", "_" or "-", starting with a letter or digit',
});

export const sourceSchema = z.strictObject({
  /** Path relative to the input root, NFC, with forward slashes. */
  path: text,
  /** The collection whose input folder held it; absent for files ingested before collections. */
  collection: collectionSchema.optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  format: z.enum(SOURCE_FORMATS),
  ingestedAt: z.iso.datetime(),
  /**
   * The classification this file's own metadata gives. A copy filed elsewhere
   * with other metadata joins the document of the same bytes; its path is shown
   * only to visitors cleared for this level. Absent: the document's.
   */
  classification: z.enum(CLASSIFICATIONS).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/**
 * Whether two source entries name the same input file: the same path in the
 * same collection. An entry from before collections matches the path in any
 * collection, since the first collection to hold that path adopted it.
 */
export function isSameFile(
  a: Pick<Source, 'path' | 'collection'>,
  b: Pick<Source, 'path' | 'collection'>,
): boolean {
  if (a.path !== b.path) return false;
  return a.collection === undefined || b.collection === undefined || a.collection === b.collection;
}

/** Ids are URL- and Meilisearch-safe. */
export const documentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, { error: 'expected a document id' });

/** The front matter of a document in the content folder. */
export const documentSchema = metadataSchema.extend({
  id: documentIdSchema,
  title: text,
  type: z.enum(DOCUMENT_TYPES),
  status: z.enum(STATUSES),
  language: z.string().min(2),
  classification: z.enum(CLASSIFICATIONS),
  subjects: z.array(text),
  relations: z.array(relationSchema),
  /** Canonical key of `number`, see `numberKey()`. */
  numberKey: z.string().optional(),
  /** The collection of the file that made it (its first source); absent before collections. */
  collection: collectionSchema.optional(),
  /** Pages of a paginated original (PDF). */
  pages: z.number().int().positive().optional(),
  /** A scan without a text layer: its text must come from OCR. */
  needsOcr: z.boolean().optional(),
  /** A scan whose text came from OCR: by what, in which languages, how sure. */
  ocr: z
    .strictObject({
      engine: z.string(),
      languages: z.string(),
      /** Mean word confidence, 0–100. */
      confidence: z.number().min(0).max(100),
      pages: z.number().int().nonnegative(),
      /** Pages (from 1) below the confidence threshold, for review. */
      lowConfidencePages: z.array(z.number().int().positive()),
    })
    .optional(),
  /** An image document: its size, and the WebP renditions kept beside the original. */
  image: z
    .strictObject({
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      derivatives: z.array(
        z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive() }),
      ),
    })
    .optional(),
  /**
   * Withdrawn by an archivist (npm run withdraw): out of search, browse, feeds,
   * the sitemap and the offline edition; its page a tombstone (410 Gone) for
   * those who could see it. Its originals stay, under fixity.
   */
  withdrawn: z.strictObject({ at: z.iso.datetime(), reason: text, by: text.optional() }).optional(),
  /** The version (from 1): it goes up each time the document's source file changes. */
  version: z.number().int().min(2).optional(),
  /** The earlier versions, oldest first, each kept whole in `versions/` (content/versions.ts). */
  versions: z
    .array(
      z.strictObject({
        version: z.number().int().positive(),
        /** When that version was ingested, and its source file. */
        ingestedAt: z.iso.datetime(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        size: z.number().int().nonnegative(),
      }),
    )
    .optional(),
  /** A declassification applied: on which day, from which level, and when it was done. */
  declassified: z
    .strictObject({ on: isoDate, from: z.enum(CLASSIFICATIONS), at: z.iso.datetime() })
    .optional(),
  /** Hash of everything the document was made from, to skip unchanged input. */
  inputHash: z.string(),
  sources: z.array(sourceSchema).min(1),
});
export type ArchiveDocument = z.infer<typeof documentSchema>;

/** The year a document belongs to, for the `year` facet. */
export function yearOf(doc: Pick<ArchiveDocument, 'issued'>): number | undefined {
  return doc.issued ? Number(doc.issued.slice(0, 4)) : undefined;
}
