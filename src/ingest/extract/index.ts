/** Extractors by file extension: one module per format behind one registry. */
import path from 'node:path';
import { extractMarkdown } from './markdown.ts';
import { extractText } from './text.ts';
import { RejectedFileError, type Extractor } from './types.ts';

export { RejectedFileError, type Extracted, type Extractor } from './types.ts';

const EXTRACTORS = new Map<string, Extractor>([
  ['.md', extractMarkdown],
  ['.txt', extractText],
]);

export const SUPPORTED_EXTENSIONS = [...EXTRACTORS.keys()];

export function extractorFor(file: string): Extractor {
  const extension = path.extname(file).toLowerCase();
  const extractor = EXTRACTORS.get(extension);
  if (!extractor) {
    throw new RejectedFileError(
      extension
        ? `unsupported format "${extension}" (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`
        : `no file extension, so the format is unknown (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`,
    );
  }
  return extractor;
}
