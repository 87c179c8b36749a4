/**
 * Tesseract 5, the Debian package's command line: one page image in (PNG on
 * stdin), its words with boxes and confidences out (TSV on stdout). One
 * thread per process, so that the pool decides how many pages run at once.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { VankhoError } from '../errors.ts';

/** Tesseract or a language it needs is not installed; the message names the Debian package. */
export class OcrUnavailableError extends VankhoError {
  override name = 'OcrUnavailableError';
}

/** One page could not be recognised (time limit, damaged image); the file is kept for later. */
export class OcrPageError extends VankhoError {
  override name = 'OcrPageError';
}

export interface OcrWord {
  text: string;
  /** Box in pixels of the page image that was recognised. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0–100, as Tesseract reports it. */
  confidence: number;
  /** Block, paragraph and line numbers: the text's layout. */
  block: number;
  paragraph: number;
  line: number;
}

export interface OcrPage {
  width: number;
  height: number;
  languages: string;
  words: OcrWord[];
  /** Mean word confidence, 0–100; 0 for a page without words. */
  confidence: number;
}

const run = promisify(execFile);
const BINARY = 'tesseract';
// Tesseract's own threads would fight the pool's processes for the same cores.
const ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };

function unavailableError(cause: unknown): OcrUnavailableError {
  return new OcrUnavailableError(
    'Tesseract is not installed: install the Debian package tesseract-ocr (with tesseract-ocr-vie, tesseract-ocr-eng and tesseract-ocr-hin); scans are kept and flagged for OCR until then',
    { cause },
  );
}

let version: Promise<string> | undefined;
let languages: Promise<Set<string>> | undefined;

/** Only a missing program means "not installed"; a slow or failing one is a page's problem. */
function failure(cause: unknown): never {
  if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw unavailableError(cause);
  throw new OcrPageError(`tesseract did not answer: ${(cause as Error).message}`, { cause });
}

/** A failed look-up is not kept: the next call asks again. */
function remembered<T>(make: () => Promise<T>, forget: () => void): Promise<T> {
  const promise = make();
  promise.catch(forget);
  return promise;
}

/** "tesseract 5.3.0", or OcrUnavailableError. */
export function tesseractVersion(): Promise<string> {
  version ??= remembered(
    () =>
      run(BINARY, ['--version'], { env: ENV, timeout: 60_000 }).then(
        ({ stdout, stderr }) => (stdout || stderr).split('\n')[0]?.trim() ?? BINARY,
        failure,
      ),
    () => {
      version = undefined;
    },
  );
  return version;
}

/** The language data installed ("vie", "eng", "hin", "osd"…). */
export function installedLanguages(): Promise<Set<string>> {
  languages ??= remembered(
    () =>
      run(BINARY, ['--list-langs'], { env: ENV, timeout: 60_000 }).then(
        ({ stdout }) =>
          new Set(
            stdout
              .split('\n')
              .slice(1)
              .map((line) => line.trim())
              .filter(Boolean),
          ),
        failure,
      ),
    () => {
      languages = undefined;
    },
  );
  return languages;
}

/** Fails with the Debian package to install when a language's data is missing. */
export async function requireLanguages(spec: string): Promise<void> {
  const installed = await installedLanguages();
  const missing = spec.split('+').filter((code) => !installed.has(code));
  if (missing.length > 0) {
    throw new OcrUnavailableError(
      `Tesseract has no data for ${missing.join(', ')}: install ${missing.map((code) => `tesseract-ocr-${code.replace('_', '-').toLowerCase()}`).join(' and ')}`,
    );
  }
}

/**
 * One page's process may use this much address space: a page image is at most
 * 40 Mpx (ocr/pages.ts), which Tesseract reads in well under a gigabyte; a
 * page that needs more fails alone instead of taking the machine's memory.
 */
export const PAGE_MEMORY_BYTES = 3 * 1024 ** 3;
const PRLIMIT = '/usr/bin/prlimit';
const hasPrlimit = existsSync(PRLIMIT);

/** The command under util-linux's prlimit when the machine has it (Debian always does). */
function limited(command: string[]): string[] {
  return hasPrlimit ? [PRLIMIT, `--as=${String(PAGE_MEMORY_BYTES)}`, '--', ...command] : command;
}

/** Runs tesseract on a PNG given on stdin; stdout is what it printed. */
function tesseract(png: Uint8Array, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const [command, ...rest] = limited([BINARY, 'stdin', 'stdout', ...args]);
    const child = spawn(command ?? BINARY, rest, { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new OcrPageError(`took longer than ${String(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', (cause) => {
      clearTimeout(timer);
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') reject(unavailableError(cause));
      else reject(new OcrPageError(`tesseract could not start: ${cause.message}`, { cause }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new OcrPageError(`tesseract exited with ${String(code)}: ${err.trim().slice(-300)}`),
        );
    });
    // A page the process refused (it died first) shows as its exit, not as EPIPE here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(png);
  });
}

/** Tesseract's TSV: level 1 is the page, level 5 a word. */
export function parseTsv(tsv: string, languages: string): OcrPage {
  const page: OcrPage = { width: 0, height: 0, languages, words: [], confidence: 0 };
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12) continue;
    const [level, , block, paragraph, line, , x, y, w, h, confidence] = cells.map(Number);
    const text = (cells[11] ?? '').trim();
    if (level === 1) {
      page.width = w ?? 0;
      page.height = h ?? 0;
    } else if (level === 5 && text !== '') {
      page.words.push({
        text: text.normalize('NFC'),
        x: x ?? 0,
        y: y ?? 0,
        w: w ?? 0,
        h: h ?? 0,
        confidence: Math.max(0, confidence ?? 0),
        block: block ?? 0,
        paragraph: paragraph ?? 0,
        line: line ?? 0,
      });
    }
  }
  const sum = page.words.reduce((total, word) => total + word.confidence, 0);
  page.confidence = page.words.length === 0 ? 0 : Math.round((sum / page.words.length) * 10) / 10;
  return page;
}

/** The words of one page image, in `languages` ("vie+eng"). */
export async function recognisePage(
  png: Uint8Array,
  languages: string,
  timeoutMs: number,
): Promise<OcrPage> {
  await requireLanguages(languages);
  return parseTsv(await tesseract(png, ['-l', languages, 'tsv'], timeoutMs), languages);
}
