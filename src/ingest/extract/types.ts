import type { Root } from 'mdast';
import type { SourceFormat } from '../../schema/document.ts';

/** What an extractor makes of one file: a Markdown tree and any metadata it carried. */
export interface Extracted {
  format: SourceFormat;
  tree: Root;
  /** Metadata the file itself declares (front matter); validated later. */
  declared?: unknown;
}

export type Extractor = (bytes: Buffer, source: string) => Extracted | Promise<Extracted>;

/** A file that cannot become a document; the reason is shown to the archivist. */
export class RejectedFileError extends Error {
  override name = 'RejectedFileError';
}
