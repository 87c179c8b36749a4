/** Extractors by file extension: one module per format behind one registry. */
import path from 'node:path';
import { RejectedFileError, type Extractor } from './types.ts';

export { RejectedFileError, type Extracted, type Extractor, type ImageFacts } from './types.ts';

// Loaded on first use: a run of text files never pays for the PDF, DOCX and image libraries.
const text = async () => (await import('./text.ts')).extractText;
const markdown = async () => (await import('./markdown.ts')).extractMarkdown;
const html = async () => (await import('./html.ts')).extractHtml;
const docx = async () => (await import('./docx.ts')).extractDocx;
const pdf = async () => (await import('./pdf.ts')).extractPdf;
const image = async () => (await import('./image.ts')).extractImage;

const EXTRACTORS = new Map<string, () => Promise<Extractor>>([
  ['.md', markdown],
  ['.txt', text],
  ['.html', html],
  ['.htm', html],
  ['.docx', docx],
  ['.pdf', pdf],
  ['.jpg', image],
  ['.jpeg', image],
  ['.png', image],
  ['.tif', image],
  ['.tiff', image],
  ['.webp', image],
]);

/**
 * Images are decoded by sharp on libvips' own threads, with a pixel limit and a
 * timeout; sharp must not run in worker threads that may be terminated, so
 * images stay on the main thread. Everything else runs in the worker pool.
 */
export function runsInWorker(file: string): boolean {
  return EXTRACTORS.get(path.extname(file).toLowerCase()) !== image;
}

export const SUPPORTED_EXTENSIONS = [...EXTRACTORS.keys()];

/** The extractor for a file name; an unknown format is a rejection with a reason. */
export function extractorFor(file: string): () => Promise<Extractor> {
  const extension = path.extname(file).toLowerCase();
  const extractor = EXTRACTORS.get(extension);
  if (!extractor) {
    const supported = `supported: ${SUPPORTED_EXTENSIONS.join(', ')}`;
    throw new RejectedFileError(
      extension
        ? `unsupported format "${extension}" (${supported})`
        : `no file extension, so the format is unknown (${supported})`,
    );
  }
  return extractor;
}
