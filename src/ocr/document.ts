/**
 * A scan's text: every page recognised once, its words and boxes kept under
 * `ocr/` in the content folder by the original's SHA-256. A page already
 * there is read back, never recognised again, so that an interrupted run
 * resumes where it stopped and an unchanged scan costs nothing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pageRenditionFile } from '../content/originals.ts';
import { writeFileAtomic } from '../content/store.ts';
import { detectLanguage, threeLetterCode } from '../schema/language.ts';
import { imagePageCount, pageRendition, pdfPageForOcr, preparedImagePage } from './pages.ts';
import { installedLanguages, recognisePage, tesseractVersion, type OcrPage } from './tesseract.ts';

/** Languages when the metadata names none: the archives are Vietnamese, with English beside. */
export const DEFAULT_OCR_LANGUAGES = 'vie+eng';
/** Pages whose mean word confidence is below this are listed for review. */
export const LOW_CONFIDENCE = 60;
// A first pass this unsure may have met another script, and is read again as Hindi.
const RETRY_BELOW = 70;
const PAGE_TIMEOUT_MS = 180_000;

export interface OcrRequest {
  bytes: Uint8Array;
  format: 'pdf' | 'image';
  sha256: string;
  contentDir: string;
  /** The document's language from its metadata (ISO 639-1), if any. */
  language?: string | undefined;
  /** Pages of a PDF, when extraction counted them. */
  pages?: number | undefined;
  /** The largest page image accepted, in pixels. */
  maxPixels: number;
  /** Called before the first page (0) and after each page, for progress. */
  onPage?: (page: number, pages: number) => void;
}

export interface OcrResult {
  engine: string;
  /** The languages the pages were recognised in ("vie+eng", "hin"…), each once. */
  languages: string;
  /** Mean word confidence over all words, 0–100. */
  confidence: number;
  /** Page numbers (from 1) below LOW_CONFIDENCE, blank pages included. */
  lowConfidencePages: number[];
  pages: OcrPage[];
  /** Pages recognised in this call; the rest were read back. */
  recognised: number;
}

export function ocrDir(contentDir: string, sha256: string): string {
  return path.join(contentDir, 'ocr', sha256.slice(0, 2), sha256);
}

/** Where one page's words are kept (page from 0). */
export function ocrPageFile(contentDir: string, sha256: string, page: number): string {
  return path.join(ocrDir(contentDir, sha256), `${String(page + 1)}.json`);
}

/** A page as kept: the languages it was asked in decide whether it can be reused. */
interface KeptPage {
  asked: string;
  page: OcrPage;
}

/** One page's words as kept by an earlier run, if any (page from 0). */
export async function readOcrPage(
  contentDir: string,
  sha256: string,
  page: number,
): Promise<OcrPage | undefined> {
  return (await readKept(ocrPageFile(contentDir, sha256, page)))?.page;
}

// Tesseract names most languages by ISO 639-3; these by script or variant.
const TESSERACT_NAMES: Record<string, string> = { zh: 'chi_sim' };

/** Tesseract's name for a language (ISO 639-1 or 639-3), when its data is installed here. */
async function installedCode(language: string): Promise<string | undefined> {
  const code = TESSERACT_NAMES[language] ?? threeLetterCode(language);
  return (await installedLanguages()).has(code) ? code : undefined;
}

/** The Tesseract languages for a document: its own when Tesseract has them, else the default. */
export async function ocrLanguages(language: string | undefined): Promise<string> {
  return (language && (await installedCode(language))) || DEFAULT_OCR_LANGUAGES;
}

async function readKept(file: string): Promise<KeptPage | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as KeptPage;
  } catch (error) {
    // Missing, or cut short by a kill before the rename: recognised again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError)
      return undefined;
    throw error;
  }
}

/** Whether most letters of a page's words are Devanagari (Hindi, Marathi, Nepali…). */
function mostlyDevanagari(page: OcrPage): boolean {
  const text = page.words.map((word) => word.text).join('');
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const devanagari = text.match(/\p{Script=Devanagari}/gu)?.length ?? 0;
  return letters > 0 && devanagari * 2 > letters;
}

/**
 * One page: the asked languages first. When they were a guess, a page whose
 * text is in another language Tesseract has (French read as "vie+eng") is
 * read again in it, and an unsure page is read again as Hindi, kept when that
 * is surer and in Devanagari. (Tesseract's own script detection answered the
 * same for a second more per page.) `likely`: the languages an earlier page
 * of the same scan was surely read in, tried first: a Hindi report is then
 * read once per page, not twice.
 */
async function recognise(
  png: Uint8Array,
  languages: string,
  guessed: boolean,
  likely: string | undefined,
): Promise<OcrPage> {
  if (guessed && likely && likely !== languages) {
    const page = await recognisePage(png, likely, PAGE_TIMEOUT_MS);
    if (page.confidence >= RETRY_BELOW) return page;
  }
  const first = await recognisePage(png, languages, PAGE_TIMEOUT_MS);
  if (!guessed) return first;
  const detected = await installedCode(detectLanguage(ocrText([first])));
  if (detected && !languages.split('+').includes(detected)) {
    const again = await recognisePage(png, detected, PAGE_TIMEOUT_MS);
    return again.confidence > first.confidence ? again : first;
  }
  if (first.confidence >= RETRY_BELOW || !(await installedLanguages()).has('hin')) return first;
  const hindi = await recognisePage(png, 'hin', PAGE_TIMEOUT_MS);
  return hindi.confidence > first.confidence && mostlyDevanagari(hindi) ? hindi : first;
}

/** Recognises every page of a scan, reading back pages done before. */
export async function ocrDocument(request: OcrRequest): Promise<OcrResult> {
  const engine = await tesseractVersion();
  const languages = await ocrLanguages(request.language);
  const guessed = request.language === undefined;
  let pdfFile: string | undefined;
  let tempDir: string | undefined;
  try {
    let count: number;
    if (request.format === 'pdf') {
      // pdftoppm reads a file: the bytes go to a private temporary folder, removed after.
      tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vankho-ocr-'));
      pdfFile = path.join(tempDir, 'scan.pdf');
      await fs.writeFile(pdfFile, request.bytes);
      count = request.pages ?? (await pdfPageCount(request.bytes));
    } else count = await imagePageCount(request.bytes);
    const pages: OcrPage[] = [];
    let recognised = 0;
    let likely: string | undefined;
    request.onPage?.(0, count);
    for (let page = 0; page < count; page++) {
      const file = ocrPageFile(request.contentDir, request.sha256, page);
      const kept = await readKept(file);
      let result = kept?.asked === languages ? kept.page : undefined;
      if (!result) {
        const png = pdfFile
          ? await pdfPageForOcr(pdfFile, page, request.maxPixels, PAGE_TIMEOUT_MS)
          : await preparedImagePage(request.bytes, page, request.maxPixels);
        result = await recognise(png, languages, guessed, likely);
        await writeFileAtomic(
          pageRenditionFile(request.contentDir, request.sha256, page + 1),
          await pageRendition(png),
        );
        // Written last: a page whose words are kept has its picture too.
        await writeFileAtomic(file, JSON.stringify({ asked: languages, page: result }));
        recognised++;
      }
      pages.push(result);
      if (result.confidence >= RETRY_BELOW) likely = result.languages;
      request.onPage?.(page + 1, count);
    }
    return summarise(engine, pages, recognised);
  } finally {
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  }
}

function summarise(engine: string, pages: OcrPage[], recognised: number): OcrResult {
  const words = pages.flatMap((page) => page.words);
  const sum = words.reduce((total, word) => total + word.confidence, 0);
  return {
    engine,
    languages: [...new Set(pages.map((page) => page.languages))].join(', '),
    confidence: words.length === 0 ? 0 : Math.round((sum / words.length) * 10) / 10,
    lowConfidencePages: pages.flatMap((page, i) =>
      page.confidence < LOW_CONFIDENCE ? [i + 1] : [],
    ),
    pages,
    recognised,
  };
}

/** Pages of a PDF, from pdfjs (already a dependency of extraction). */
async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, enableXfa: false });
  try {
    return (await task.promise).numPages;
  } finally {
    await task.destroy();
  }
}

/** The recognised text: lines as Tesseract found them, a blank line between paragraphs and pages. */
export function ocrText(pages: readonly OcrPage[]): string {
  return pages
    .map((page) => {
      let text = '';
      let previous: { block: number; paragraph: number; line: number } | undefined;
      for (const word of page.words) {
        if (previous) {
          if (previous.block !== word.block || previous.paragraph !== word.paragraph)
            text += '\n\n';
          else if (previous.line !== word.line) text += '\n';
          else text += ' ';
        }
        text += word.text;
        previous = word;
      }
      return text;
    })
    .filter((text) => text !== '')
    .join('\n\n');
}
