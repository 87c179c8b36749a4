/**
 * A scan's pages as the document page shows them: each page's picture with
 * the boxes of the words sought, and the text Tesseract read beside it.
 */
import { mediaUrl } from '../content/media.ts';
import type { ArchiveDocument } from '../schema/document.ts';
import { foldedWords } from '../schema/fold.ts';
import { ocrText, readOcrPage } from './document.ts';

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

const percent = (value: number, of: number) => Math.round((value / of) * 10_000) / 100;

/**
 * The pages of a recognised scan, the words of `highlight` (folded, as the
 * search compares them) marked; pages whose words were lost are left out.
 */
export async function scanPages(
  contentDir: string,
  meta: Pick<ArchiveDocument, 'id' | 'ocr' | 'sources'>,
  highlight: string,
): Promise<ScanPageView[]> {
  const sha256 = meta.sources[0]?.sha256;
  if (!meta.ocr || !sha256) return [];
  const sought = new Set(foldedWords(highlight));
  const views: ScanPageView[] = [];
  for (let number = 1; number <= meta.ocr.pages; number++) {
    const page = await readOcrPage(contentDir, sha256, number - 1);
    if (!page || page.width === 0 || page.height === 0) continue;
    const marks = page.words
      .filter((word) => foldedWords(word.text).some((folded) => sought.has(folded)))
      .map((word) => ({
        left: percent(word.x, page.width),
        top: percent(word.y, page.height),
        width: percent(word.w, page.width),
        height: percent(word.h, page.height),
      }));
    views.push({
      number,
      image: mediaUrl(meta.id, `page-${String(number)}.webp`),
      width: page.width,
      height: page.height,
      marks,
      text: ocrText([page]),
      confidence: page.confidence,
    });
  }
  return views;
}
