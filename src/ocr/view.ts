/**
 * A scan's pages as the document page shows them: each page's picture with
 * the boxes of the words sought, and the text Tesseract read beside it, a
 * window of pages at a time.
 */
import { mediaUrl } from '../content/media.ts';
import type { ArchiveDocument } from '../schema/document.ts';
import { foldedWords } from '../schema/fold.ts';
import { ocrText, readOcrPage } from './document.ts';
import type { OcrPage } from './tesseract.ts';

/** A box on the page picture, in percent of its width and height. */
export interface Mark {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface ScanPageView {
  /** From 1. */
  number: number;
  image: string;
  /** The recognised page's size: the picture's aspect ratio. */
  width: number;
  height: number;
  marks: Mark[];
  text: string;
  confidence: number;
}

/** Pages of a scan shown at once: a 500-page register is read ten pages at a time. */
export const SCAN_WINDOW = 10;

/** The pages shown, from `first` to `last` of `total` (from 1). */
export interface ScanWindow {
  pages: ScanPageView[];
  first: number;
  last: number;
  total: number;
}

const percent = (value: number, of: number) => Math.round((value / of) * 10_000) / 100;

function marksOn(page: OcrPage, sought: Set<string>): Mark[] {
  if (sought.size === 0) return [];
  return page.words
    .filter((word) => foldedWords(word.text).some((folded) => sought.has(folded)))
    .map((word) => ({
      left: percent(word.x, page.width),
      top: percent(word.y, page.height),
      width: percent(word.w, page.width),
      height: percent(word.h, page.height),
    }));
}

/** The first page (from 1) on which a sought word stands, if any: read page by page. */
async function firstMarkedPage(
  contentDir: string,
  sha256: string,
  total: number,
  sought: Set<string>,
): Promise<number | undefined> {
  for (let number = 1; number <= total; number++) {
    const page = await readOcrPage(contentDir, sha256, number - 1);
    if (page && marksOn(page, sought).length > 0) return number;
  }
  return undefined;
}

/**
 * The window of a recognised scan's pages around page `asked` (from 1) or,
 * when none is asked, around the first page where a word of `highlight`
 * stands (folded, as the search compares them), else the first pages. The
 * sought words are marked; pages whose words were lost are left out.
 */
export async function scanWindow(
  contentDir: string,
  meta: Pick<ArchiveDocument, 'id' | 'ocr' | 'sources'>,
  highlight: string,
  asked?: number,
): Promise<ScanWindow | undefined> {
  const sha256 = meta.sources[0]?.sha256;
  if (!meta.ocr || !sha256 || meta.ocr.pages === 0) return undefined;
  const total = meta.ocr.pages;
  const sought = new Set(foldedWords(highlight));
  const around =
    asked ?? (sought.size > 0 ? await firstMarkedPage(contentDir, sha256, total, sought) : 1) ?? 1;
  const first = Math.floor((Math.min(around, total) - 1) / SCAN_WINDOW) * SCAN_WINDOW + 1;
  const last = Math.min(total, first + SCAN_WINDOW - 1);
  const pages: ScanPageView[] = [];
  for (let number = first; number <= last; number++) {
    const page = await readOcrPage(contentDir, sha256, number - 1);
    if (!page || page.width === 0 || page.height === 0) continue;
    pages.push({
      number,
      image: mediaUrl(meta.id, `page-${String(number)}.webp`),
      width: page.width,
      height: page.height,
      marks: marksOn(page, sought),
      text: ocrText([page]),
      confidence: page.confidence,
    });
  }
  return { pages, first, last, total };
}
