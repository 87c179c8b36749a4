/**
 * PDF: the text layer page by page, and the page count; a scan without text is
 * flagged for OCR. The layout gives the structure a text layer lacks: lines
 * set larger than the body are headings, a wider gap between lines ends a
 * paragraph, and a line opening a section ("Điều 3.") starts one.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { headingDepth, textToTree } from './text.ts';
import { RejectedFileError, type Extractor } from './types.ts';

/** Fewer characters per page than this, and the page is taken for a scan. */
const SCAN_CHARS_PER_PAGE = 20;

interface PositionedText {
  str: string;
  hasEOL: boolean;
  /** The font size as drawn, and the position: transform[5] is the baseline's height on the page. */
  height: number;
  transform: number[];
}

interface Line {
  text: string;
  size: number;
  y: number;
}

// A heading is set at least this much larger than the body; a paragraph ends at a gap this many lines high.
const HEADING_SCALE = 1.15;
const PARAGRAPH_GAP = 1.8;
const HEADING_MAX_CHARS = 150;

function pageLines(items: PositionedText[]): Line[] {
  const lines: Line[] = [];
  let text = '';
  let size = 0;
  let y: number | undefined;
  const end = () => {
    if (text.trim()) lines.push({ text: text.trim(), size, y: y ?? 0 });
    text = '';
    size = 0;
    y = undefined;
  };
  for (const item of items) {
    text += item.str;
    if (item.str.trim()) {
      size = Math.max(size, item.height);
      y ??= item.transform[5];
    }
    if (item.hasEOL) end();
  }
  end();
  return lines;
}

/** The size most characters are set in: the body text's. */
function bodySize(pages: Line[][]): number {
  const chars = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2;
    chars.set(size, (chars.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  for (const [size, count] of chars) if (count > (chars.get(best) ?? 0)) best = size;
  return best;
}

export function layoutTree(pages: Line[][]): Root {
  const body = bodySize(pages);
  const children: RootContent[] = [];
  let block: string[] = [];
  const flush = () => {
    if (block.length > 0) children.push(...textToTree(block.join('\n')).children);
    block = [];
  };
  for (const lines of pages) {
    let previous: Line | undefined;
    let heading: Heading | undefined;
    for (const line of lines) {
      const gap = previous ? previous.y - line.y : 0;
      const near =
        previous !== undefined &&
        gap > 0 &&
        gap <= Math.max(previous.size, line.size) * PARAGRAPH_GAP;
      const larger =
        body > 0 && line.size >= body * HEADING_SCALE && line.text.length <= HEADING_MAX_CHARS;
      if (larger) {
        flush();
        // A heading set on two lines is one heading.
        const last = heading?.children[0];
        if (heading && near && previous?.size === line.size && last?.type === 'text') {
          last.value += ` ${line.text}`;
        } else {
          heading = {
            type: 'heading',
            depth: line.size >= body * 1.5 ? 2 : 3,
            children: [{ type: 'text', value: line.text }],
          };
          children.push(heading);
        }
      } else {
        heading = undefined;
        if (!near || headingDepth(line.text) !== undefined) flush();
        block.push(line.text);
      }
      previous = line;
    }
    flush();
  }
  return { type: 'root', children };
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
    const pages: Line[][] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      // Marked-content items carry no text: only text items have `str`.
      pages.push(pageLines(content.items.flatMap((item) => ('str' in item ? [item] : []))));
      page.cleanup();
    }
    const characters = pages
      .flat()
      .reduce((sum, line) => sum + line.text.replace(/\s/g, '').length, 0);
    const needsOcr = characters < SCAN_CHARS_PER_PAGE * pdf.numPages;
    return { format: 'pdf', tree: layoutTree(pages), pages: pdf.numPages, needsOcr };
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
