/**
 * Page images made ready for Tesseract: grey, contrast stretched, straightened,
 * at about 450 dpi. Images are prepared with sharp; PDF pages are rendered by
 * poppler-utils' pdftoppm, one page at a time, so that a long PDF never sits
 * in memory as pixels.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { estimateSkew, worthTurning } from './deskew.ts';
import { OcrPageError, OcrUnavailableError } from './tesseract.ts';

const run = promisify(execFile);

/**
 * Tesseract is given pages at this resolution. Scans are made at 300 dpi;
 * enlarged half again, the capitals and small diacritics of Vietnamese read
 * markedly better (a rendered notice: word error 1.4 % at 300, 0 % at 450;
 * the number "45/TB-VTLTNN" read right only at 450), for about 1.7× the time.
 */
export const OCR_DPI = 450;
const SCAN_DPI = 300;
// A 450 dpi A3 page is 40 Mpx; more is a poster or a bomb, and only costs memory.
const MAX_OCR_PIXELS = 40_000_000;
// An A4 page is this many inches wide: an image of unknown resolution narrower than
// a 300 dpi A4 scan is taken for a lower-resolution scan of A4.
const A4_INCHES = 8.27;

/** Pages of an image file: several in a multi-page TIFF, else one. */
export async function imagePageCount(bytes: Uint8Array): Promise<number> {
  const { pages } = await sharp(Buffer.from(bytes), { limitInputPixels: false }).metadata();
  return pages ?? 1;
}

/** How much to enlarge a page so that its text stands at about OCR_DPI. */
export function scaleFor(width: number, height: number, density: number | undefined): number {
  // 72 and 96 dpi are what software writes when it does not know (a JPEG's JFIF default).
  const dpi =
    density !== undefined && density >= 100
      ? density
      : width < A4_INCHES * SCAN_DPI
        ? width / A4_INCHES
        : SCAN_DPI;
  const limit = Math.sqrt(MAX_OCR_PIXELS / (width * height));
  // Never shrink a page (small print would be lost), never more than four times.
  return Math.max(1, Math.min(OCR_DPI / dpi, 4, limit));
}

/**
 * Page `page` (from 0) of an image, grey, straightened and at about OCR_DPI, as PNG.
 * `density`: the resolution the image is known to have, if its file does not say.
 */
export async function preparedImagePage(
  bytes: Uint8Array,
  page: number,
  maxPixels: number,
  density?: number,
): Promise<Buffer> {
  const input = Buffer.from(bytes);
  const meta = await sharp(input, { limitInputPixels: maxPixels, page }).metadata();
  const scale = scaleFor(meta.width, meta.height, density ?? meta.density);
  try {
    const { data, info } = await sharp(input, { limitInputPixels: maxPixels, page })
      .rotate()
      .greyscale()
      .resize({ width: Math.round(meta.width * scale) })
      .normalise()
      .toColourspace('b-w')
      .raw()
      .timeout({ seconds: 60 })
      .toBuffer({ resolveWithObject: true });
    const skew = estimateSkew(data, info.width, info.height);
    const grey = sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } });
    // One channel: a third of the bytes for Tesseract to read and for the rendition.
    return await (worthTurning(skew) ? grey.rotate(-skew, { background: '#ffffff' }) : grey)
      .toColourspace('b-w')
      .png({ compressionLevel: 1 })
      .timeout({ seconds: 60 })
      .toBuffer();
  } catch (cause) {
    throw new OcrPageError(
      `page ${String(page + 1)} cannot be prepared: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/**
 * Page `page` (from 0) of a PDF file on disk, ready for Tesseract. A scanned
 * page is one image: it is taken out as it was scanned (rendering would
 * resample it and blur small diacritics); any other page is rendered at 300 dpi.
 */
export async function pdfPageForOcr(
  file: string,
  page: number,
  maxPixels: number,
  timeoutMs: number,
): Promise<Buffer> {
  const scan = await scannedImage(file, page, timeoutMs);
  if (scan) return preparedImagePage(scan.bytes, 0, maxPixels, scan.ppi);
  return preparedImagePage(await renderedPdfPage(file, page, timeoutMs), 0, maxPixels, SCAN_DPI);
}

/** The one image a page consists of, with its resolution; undefined for any other page. */
async function scannedImage(
  file: string,
  page: number,
  timeoutMs: number,
): Promise<{ bytes: Buffer; ppi: number } | undefined> {
  const number = String(page + 1);
  const options = { timeout: timeoutMs, killSignal: 'SIGKILL' as const };
  const listed = await poppler('pdfimages', ['-list', '-f', number, '-l', number, file], options);
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
  const rows = listed
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[0] === number && cells[2] === 'image');
  const ppi = Number(rows[0]?.[12]);
  if (rows.length !== 1 || !(ppi > 0)) return undefined;
  const dir = path.dirname(file);
  await poppler(
    'pdfimages',
    ['-png', '-f', number, '-l', number, file, path.join(dir, 'page')],
    options,
  );
  const out = path.join(dir, 'page-000.png');
  try {
    return { bytes: await fs.readFile(out), ppi };
  } finally {
    await fs.rm(out, { force: true });
  }
}

async function poppler(
  command: string,
  args: string[],
  options: { timeout: number; killSignal: 'SIGKILL' },
): Promise<string> {
  try {
    return (await run(command, args, options)).stdout;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw popplerMissing(cause);
    throw new OcrPageError(`${command} failed: ${(cause as Error).message}`, { cause });
  }
}

function popplerMissing(cause: unknown): OcrUnavailableError {
  return new OcrUnavailableError(
    'poppler-utils is not installed: install the Debian package poppler-utils to read scanned PDFs',
    { cause },
  );
}

/** Page `page` (from 0) of a PDF file on disk, rendered grey at SCAN_DPI, as PNG. */
async function renderedPdfPage(file: string, page: number, timeoutMs: number): Promise<Buffer> {
  const number = String(page + 1);
  try {
    const { stdout } = await run(
      'pdftoppm',
      ['-f', number, '-l', number, '-r', String(SCAN_DPI), '-gray', '-png', '-singlefile', file],
      {
        encoding: 'buffer',
        maxBuffer: 512 * 1024 * 1024,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
      },
    );
    return stdout;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw popplerMissing(cause);
    throw new OcrPageError(`page ${number} cannot be rendered: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** Width of a page as shown beside its text: legible on a laptop, ~100 KB a page. */
export const PAGE_RENDITION_WIDTH = 1200;

/** The page as visitors see it: WebP, no metadata (sharp writes none unless asked). */
export async function pageRendition(png: Uint8Array): Promise<Buffer> {
  return sharp(Buffer.from(png))
    .resize({ width: PAGE_RENDITION_WIDTH, withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();
}

/** The size of a page's rendition: the recognised page scaled to PAGE_RENDITION_WIDTH, never enlarged. */
export function renditionSize(page: { width: number; height: number }): {
  width: number;
  height: number;
} {
  const width = Math.min(PAGE_RENDITION_WIDTH, page.width);
  return { width, height: Math.round((page.height * width) / page.width) };
}
