/**
 * The OCR step of ingest: scans (PDF pages without text, page images) are
 * recognised as their extraction finishes, a few at a time so that text files
 * keep flowing past them. A scan that cannot be recognised is kept, flagged
 * `needsOcr`, and named in the report with the reason.
 */
import pLimit from 'p-limit';
import type { OcrResult } from '../ocr/document.ts';
import { OcrUnavailableError, tesseractVersion } from '../ocr/tesseract.ts';
import type { ProcessRequest, Processed } from './process.ts';

// Loaded on first use: a run without scans never loads sharp or pdfjs for OCR, nor the
// extractors when every file is unchanged.
const ocrModule = () => import('../ocr/document.ts');
const processModule = () => import('./process.ts');

/** `wait`: recognise during ingest (the default); `later`: keep scans flagged, queued for `npm run ocr`. */
export const OCR_MODES = ['wait', 'later'] as const;
export type OcrMode = (typeof OCR_MODES)[number];

// A page this unsure is noise (a photograph, a blank sheet): listed, but its words are not text.
const NOISE_BELOW = 30;

export interface OcrReport {
  documents: number;
  pages: number;
  /** Pages recognised in this run; the others were kept from an earlier one. */
  recognised: number;
  /** Scans kept for `npm run ocr` (`--ocr later`, or OCR unavailable here). */
  queued: number;
  /** Scans kept without text, and why. */
  failed: { source: string; reason: string }[];
  /** Set when OCR cannot run at all here (Tesseract or a language missing). */
  unavailable?: string;
}

export class OcrStep {
  readonly report: OcrReport = { documents: 0, pages: 0, recognised: 0, queued: 0, failed: [] };
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #mode: OcrMode;
  readonly #contentDir: string;

  readonly #onPage: ((source: string, page: number, pages: number) => void) | undefined;

  constructor(
    mode: OcrMode,
    concurrency: number,
    contentDir: string,
    onPage?: (source: string, page: number, pages: number) => void,
  ) {
    this.#onPage = onPage;
    this.#mode = mode;
    this.#limit = pLimit(Math.max(1, concurrency));
    this.#contentDir = contentDir;
  }

  /**
   * Whether OCR can run in this run: asked for, and Tesseract installed. When
   * it cannot, scans already flagged are not read again (nothing would change).
   */
  async ready(): Promise<boolean> {
    if (this.#mode === 'later') return false;
    try {
      await tesseractVersion();
      return true;
    } catch (error) {
      if (!(error instanceof OcrUnavailableError)) throw error;
      this.report.unavailable = error.message;
      return false;
    }
  }

  /** A scan, or an image not declared a photograph (`type: image`). */
  static wants(processed: Processed): boolean {
    return (
      processed.needsOcr === true ||
      (processed.format === 'image' && processed.given.type !== 'image')
    );
  }

  /** The document with the scan's text, or flagged for OCR when it cannot be had now. */
  async apply(
    processed: Processed,
    request: Pick<ProcessRequest, 'source' | 'bytes' | 'defaultClassification'>,
    sha256: string,
  ): Promise<Processed> {
    if (!OcrStep.wants(processed)) return processed;
    const flagged: Processed = { ...processed, needsOcr: true };
    if (this.#mode === 'later' || this.report.unavailable) {
      this.report.queued++;
      return flagged;
    }
    const { ocrDocument, ocrText } = await ocrModule();
    const { MAX_PIXELS } = await import('./extract/image.ts');
    let result: OcrResult;
    try {
      result = await this.#limit(() =>
        ocrDocument({
          bytes: request.bytes,
          format: processed.format === 'pdf' ? 'pdf' : 'image',
          sha256,
          contentDir: this.#contentDir,
          language: processed.given.language,
          pages: processed.pages,
          maxPixels: MAX_PIXELS,
          onPage: (page, pages) => this.#onPage?.(request.source, page, pages),
        }),
      );
    } catch (error) {
      if (error instanceof OcrUnavailableError) {
        this.report.unavailable = error.message;
        return flagged;
      }
      // One bad page keeps the whole scan for review; the run goes on.
      this.report.failed.push({ source: request.source, reason: (error as Error).message });
      return flagged;
    }
    this.report.documents++;
    this.report.pages += result.pages.length;
    this.report.recognised += result.recognised;
    const text = ocrText(result.pages.filter((page) => page.confidence >= NOISE_BELOW));
    const { withOcrText } = await processModule();
    return withOcrText(processed, request, text, {
      engine: result.engine,
      languages: result.languages,
      confidence: result.confidence,
      pages: result.pages.length,
      lowConfidencePages: result.lowConfidencePages,
    });
  }
}
