import type { Root } from 'mdast';
import type { Metadata, SourceFormat } from '../../schema/document.ts';
import { VankhoError } from '../../errors.ts';

/** What an extractor makes of one file: a Markdown tree and any metadata it carried. */
export interface Extracted {
  format: SourceFormat;
  tree: Root;
  /** Front matter the file declares: the strongest metadata, validated later. */
  declared?: unknown;
  /** What the file's own properties say (an HTML title, a PDF's language): the weakest. */
  found?: Metadata;
  /** Pages of a paginated original. */
  pages?: number;
  /** A scan without a text layer: its text must come from OCR. */
  needsOcr?: boolean;
  image?: ImageFacts;
}

export interface ImageFacts {
  width: number;
  height: number;
  /** WebP renditions, by width; stored beside the original. */
  derivatives: { width: number; height: number; bytes: Uint8Array }[];
}

export type Extractor = (bytes: Uint8Array, source: string) => Extracted | Promise<Extracted>;

/** A file that cannot become a document; the reason is shown to the archivist. */
export class RejectedFileError extends VankhoError {
  override name = 'RejectedFileError';
}
