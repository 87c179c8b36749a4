/** PDF: the text layer page by page, and the page count; a scan without text is flagged for OCR. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { textToTree } from './text.ts';
import { RejectedFileError, type Extractor } from './types.ts';

/** Fewer characters per page than this, and the page is taken for a scan. */
const SCAN_CHARS_PER_PAGE = 20;

interface TextItem {
  str: string;
  hasEOL: boolean;
}

export const extractPdf: Extractor = async (bytes) => {
  if (bytes.length < 8 || Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') === -1) {
    throw new RejectedFileError('not a PDF: no %PDF- header');
  }
  const task = getDocument({
    data: new Uint8Array(bytes),
    // pdfjs 6 removed `isEvalSupported` together with its last use of eval; no
    // option is needed for that any more. XFA forms are scripts: never run them.
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(
        (content.items as TextItem[])
          .map((item) => item.str + (item.hasEOL ? '\n' : ''))
          .join('')
          .trim(),
      );
      page.cleanup();
    }
    const text = pages.join('\n\n');
    const needsOcr = text.replace(/\s/g, '').length < SCAN_CHARS_PER_PAGE * pdf.numPages;
    return { format: 'pdf', tree: textToTree(text), pages: pdf.numPages, needsOcr };
  } catch (cause) {
    if (cause instanceof RejectedFileError) throw cause;
    throw new RejectedFileError(
      `not a readable PDF (truncated or damaged): ${(cause as Error).message}`,
      { cause },
    );
  } finally {
    await task.destroy();
  }
};
