/**
 * One file's bytes to a document: extract → normalise → enrich. Pure work,
 * no file access, so that it can run in a worker with limits.
 */
import type { ArchiveDocument, Classification, Metadata } from '../schema/document.ts';
import { enrich, type Enriched } from './enrich.ts';
import { extractorFor, RejectedFileError, type Extracted } from './extract/index.ts';
import { mergeMetadata, validateMetadata } from './metadata.ts';
import { textToTree } from './extract/text.ts';
import { normaliseTree, normaliseValue } from './normalise.ts';
import { stringifyMarkdown } from '../content/markdown.ts';

export interface ProcessRequest {
  source: string;
  bytes: Uint8Array;
  /** Manifest and sidecar metadata, weakest first. */
  layers: Metadata[];
  defaultClassification: Classification;
}

export interface Processed {
  format: Extracted['format'];
  body: string;
  given: Metadata;
  enriched: Enriched;
  pages?: number;
  needsOcr?: boolean;
  image?: Extracted['image'];
  ocr?: ArchiveDocument['ocr'];
}

export async function processFile(request: ProcessRequest): Promise<Processed> {
  const extractor = await extractorFor(request.source)();
  const extracted = await extractor(request.bytes, request.source);
  const tree = normaliseTree(extracted.tree);
  const declared =
    extracted.declared === undefined
      ? []
      : [validateMetadata(extracted.declared, `${request.source} front matter`)];
  const given = normaliseValue(
    mergeMetadata([extracted.found ?? {}, ...request.layers, ...declared]),
  );
  const enriched = enrich(
    tree,
    given,
    request.defaultClassification,
    titleFromName(request.source),
  );
  const body = stringifyMarkdown(tree);
  // An image or a scan has no text yet and is still worth keeping.
  if (body.trim() === '' && extracted.format !== 'image' && !extracted.needsOcr) {
    throw new RejectedFileError('no text and nothing else to show');
  }
  return {
    format: extracted.format,
    body,
    given,
    enriched,
    ...(extracted.pages === undefined ? {} : { pages: extracted.pages }),
    ...(extracted.needsOcr ? { needsOcr: true } : {}),
    ...(extracted.image ? { image: extracted.image } : {}),
  };
}

/**
 * A scan once recognised: its text is the document's, read for number,
 * issuer, date, type and citations exactly as a born-digital file's
 * (metadata still wins).
 */
export function withOcrText(
  processed: Processed,
  request: Pick<ProcessRequest, 'source' | 'defaultClassification'>,
  text: string,
  ocr: NonNullable<Processed['ocr']>,
): Processed {
  const tree = normaliseTree(textToTree(text));
  const enriched = enrich(
    tree,
    processed.given,
    request.defaultClassification,
    titleFromName(request.source),
  );
  const { needsOcr: _pending, ...rest } = processed;
  return { ...rest, body: stringifyMarkdown(tree), enriched, ocr };
}

/** "scans/Ảnh hội nghị 1975.jpg" → "Ảnh hội nghị 1975": a title of last resort. */
function titleFromName(source: string): string {
  const name = source.split('/').pop() ?? source;
  return (
    name
      .replace(/\.[^.]+$/, '')
      .replace(/[_]+/g, ' ')
      .trim() || name
  );
}
