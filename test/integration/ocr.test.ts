/**
 * Scanned paper through the whole ingest path with the real Tesseract: a
 * JPEG page and a scanned PDF of a Vietnamese notice, a Hindi page, a
 * photograph, and Tesseract missing. The scans are rendered here from known
 * text (src/ocr/scans.ts), so that what OCR reads can be checked word by word.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../src/content/store.ts';
import { documentId } from '../../src/ingest/identity.ts';
import { ingest, type IngestReport } from '../../src/ingest/pipeline.ts';
import { readOcrQueue } from '../../src/ingest/ocr-queue.ts';
import { ocrDir } from '../../src/ocr/document.ts';
import { scanManifest } from '../../src/ocr/iiif.ts';
import { renderScan, wordErrorRate } from '../../src/ocr/scans.ts';
import { SCAN_WINDOW, scanWindow } from '../../src/ocr/view.ts';
import { NOTICE, scannedPdf } from '../helpers/scans.ts';
import { REPO_ROOT, tempDir, withTempDir, writeTree } from '../helpers/temp.ts';

const FRENCH =
  'Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité. Chacun peut se prévaloir de tous les droits et de toutes les libertés proclamés dans la présente Déclaration.';
const HINDI =
  'राष्ट्रीय अभिलेखागार ने पुराने दस्तावेज़ों के डिजिटल संरक्षण के लिए नई योजना शुरू की है। सभी विभागों को निर्देश दिया जाता है कि वे अपने अभिलेखों को समय पर सौंपें।';

let work: { dir: string; cleanup: () => Promise<void> };
let input: string;
let content: string;
let report: IngestReport;

/** `npm run ingest` of `<dir>/in` into `<dir>/content`, as arguments to Node. */
const ingestCommand = (dir: string) => [
  path.join(REPO_ROOT, 'scripts', 'ingest.ts'),
  path.join(dir, 'in'),
  '--content-dir',
  path.join(dir, 'content'),
  '--no-index',
];

const doc = async (source: string, contentDir = content) => {
  const found = await readDocument(contentDir, documentId(source));
  if (!found) throw new Error(`no document for ${source}`);
  return found;
};

beforeAll(async () => {
  work = await tempDir('vankho-ocr-');
  input = path.join(work.dir, 'input');
  content = path.join(work.dir, 'content');
  const notice = await renderScan(NOTICE, 'vi');
  const photo = await sharp({
    create: { width: 800, height: 600, channels: 3, background: '#4a7' },
  })
    .jpeg()
    .toBuffer();
  await writeTree(input, {
    'scans/thong-bao.jpg': await sharp(notice).jpeg({ quality: 90 }).toBuffer(),
    'scans/thong-bao.jpg.meta.yaml': 'classification: public\n',
    'scans/thong-bao.pdf': await scannedPdf(notice),
    'scans/thong-bao.pdf.meta.yaml': 'classification: public\n',
    // Fed crooked: Tesseract finds no text at all on this page turned by 2° unless it is straightened.
    'scans/lech.jpg': await sharp(notice)
      .rotate(3, { background: '#ffffff' })
      .jpeg({ quality: 90 })
      .toBuffer(),
    'scans/hindi.png': await renderScan(HINDI, 'hi'),
    'scans/francais.png': await renderScan(FRENCH, 'fr'),
    'photos/hoi-nghi.jpg': photo,
    'photos/hoi-nghi.jpg.meta.yaml': 'title: Ảnh hội nghị\ntype: image\n',
  });
  report = await ingest({ inputDir: input, contentDir: content, defaultClassification: 'public' });
}, 180_000);
afterAll(() => work.cleanup());

describe('a scanned notice', () => {
  it.each(['scans/thong-bao.jpg', 'scans/thong-bao.pdf', 'scans/lech.jpg'])(
    '%s: its text is what the page says, within 3 % word error',
    async (source) => {
      const { meta, body } = await doc(source);
      expect(wordErrorRate(NOTICE, body)).toBeLessThanOrEqual(0.03);
      expect(body).toContain('mối mọt');
      expect(meta.needsOcr).toBeUndefined();
      expect(meta.ocr).toMatchObject({ languages: 'vie+eng', pages: 1, lowConfidencePages: [] });
      expect(meta.ocr?.engine).toMatch(/^tesseract 5\./);
      expect(meta.ocr?.confidence).toBeGreaterThan(80);
    },
  );

  it('yields number, date, type, issuer and citations from its header, as a typed file would', async () => {
    const { meta } = await doc('scans/thong-bao.pdf');
    expect(meta).toMatchObject({
      number: '45/TB-VTLTNN',
      issued: '1997-08-14',
      type: 'announcement',
      language: 'vi',
      classification: 'public',
    });
    expect(meta.relations.map((r) => r.target)).toContain('05/CT-TTg');
  });
});

describe('other scans', () => {
  it('reads a Hindi page with no metadata as Hindi, redone in Hindi after the first pass', async () => {
    const { meta, body } = await doc('scans/hindi.png');
    expect(meta.language).toBe('hi');
    expect(meta.ocr?.languages).toBe('hin');
    expect(wordErrorRate(HINDI, body)).toBeLessThanOrEqual(0.1);
  });

  it('reads a French page with no metadata again in French, the language its text is in', async () => {
    const { meta, body } = await doc('scans/francais.png');
    expect(meta.language).toBe('fr');
    expect(meta.ocr?.languages).toBe('fra');
    expect(wordErrorRate(FRENCH, body)).toBeLessThanOrEqual(0.03);
  });

  it('leaves a photograph declared `type: image` alone', async () => {
    const { meta, body } = await doc('photos/hoi-nghi.jpg');
    expect(meta.ocr).toBeUndefined();
    expect(meta.needsOcr).toBeUndefined();
    expect(body.trim()).toBe('');
  });

  it('reports what it recognised', () => {
    expect(report.rejected).toEqual([]);
    expect(report.ocr).toMatchObject({ documents: 5, pages: 5, recognised: 5, failed: [] });
  });
});

describe('resuming', () => {
  it('never recognises a page twice: unchanged scans cost nothing, a lost page is redone alone', async () => {
    const again = await ingest({
      inputDir: input,
      contentDir: content,
      defaultClassification: 'public',
      rehash: true,
    });
    expect(again.ocr.recognised).toBe(0);
    // As after a kill -9 between two pages: the page's words are gone, the document is not.
    const sha = (await doc('scans/thong-bao.pdf')).meta.sources[0]?.sha256 ?? '';
    await fs.rm(ocrDir(content, sha), { recursive: true });
    await fs.appendFile(path.join(input, 'scans/thong-bao.pdf.meta.yaml'), 'subjects: [lưu trữ]\n');
    const resumed = await ingest({
      inputDir: input,
      contentDir: content,
      defaultClassification: 'public',
    });
    expect(resumed.ocr).toMatchObject({ documents: 1, recognised: 1 });
    expect((await doc('scans/thong-bao.pdf')).body).toContain('mối mọt');
  }, 120_000);
});

describe('without Tesseract', () => {
  it('keeps the scan flagged for OCR and names the package to install', async () => {
    await withTempDir('vankho-no-ocr-', async (dir) => {
      await writeTree(path.join(dir, 'in'), {
        'scan.png': await renderScan('Số: 7/TB-UBND', 'vi'),
      });
      // Only Node on the PATH: no tesseract to be found.
      const out = execFileSync(process.execPath, ingestCommand(dir), {
        env: { PATH: path.dirname(process.execPath), HOME: dir },
        encoding: 'utf8',
      });
      expect(out).toMatch(/OCR could not run: .*tesseract-ocr/);
      // The CLI ingests the folder `in` as the collection of that name.
      const kept = await readDocument(path.join(dir, 'content'), documentId('scan.png', 'in'));
      expect(kept?.meta.needsOcr).toBe(true);
    });
  }, 60_000);
});

describe('the page viewer', () => {
  it('marks the sought words, typed without diacritics, where they stand on the page', async () => {
    const { meta } = await doc('scans/thong-bao.jpg');
    const [page] = (await scanWindow(content, meta, 'moi mot'))?.pages ?? [];
    expect(page?.image).toBe(`/media/${meta.id}/page-1.webp`);
    // "mối mọt" twice in the notice: four words marked.
    expect(page?.marks).toHaveLength(4);
    // Each box, cut from the scan itself, reads as the word it marks.
    const scan = await renderScan(NOTICE, 'vi');
    const { width, height } = await sharp(scan).metadata();
    for (const mark of page?.marks ?? []) {
      const box = {
        left: Math.floor((mark.left / 100) * width) - 4,
        top: Math.floor((mark.top / 100) * height) - 4,
        width: Math.ceil((mark.width / 100) * width) + 8,
        height: Math.ceil((mark.height / 100) * height) + 8,
      };
      const crop = await sharp(scan)
        .extract(box)
        .extend({ top: 40, bottom: 40, left: 40, right: 40, background: '#fff' })
        .png()
        .toBuffer();
      const read = execFileSync('tesseract', ['stdin', 'stdout', '-l', 'vie', '--psm', '8'], {
        input: crop,
        encoding: 'utf8',
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      });
      // The word alone, give or take a stray mark from the next character.
      expect(read.trim()).toMatch(/^\W?(mối|mọt)\W?$/u);
    }
  });

  it('shows a long scan ten pages at a time, opening where the sought word stands', async () => {
    await withTempDir('vankho-ocr-window-', async (dir) => {
      // Twelve short pages; only the eleventh holds the word sought.
      const pages = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          renderScan(i === 10 ? 'Sổ đăng ký quokkatrang' : `Trang số ${String(i + 1)}`, 'vi'),
        ),
      );
      await writeTree(path.join(dir, 'in'), { 'so-dang-ky.pdf': await scannedPdf(...pages) });
      const contentDir = path.join(dir, 'content');
      await ingest({ inputDir: path.join(dir, 'in'), contentDir, defaultClassification: 'public' });
      const { meta } = await doc('so-dang-ky.pdf', contentDir);
      const window = async (hl: string, asked?: number) => {
        const shown = await scanWindow(contentDir, meta, hl, asked);
        return shown && { ...shown, numbers: shown.pages.map((page) => page.number) };
      };
      expect(await window('')).toMatchObject({ first: 1, last: SCAN_WINDOW, total: 12 });
      const found = await window('QUOKKATRANG');
      expect(found).toMatchObject({ first: 11, last: 12, numbers: [11, 12] });
      expect(found?.pages.map((page) => page.marks.length)).toEqual([1, 0]);
      expect(await window('', 3)).toMatchObject({ first: 1, last: 10 });
      // A page past the end opens the last pages.
      expect(await window('', 99)).toMatchObject({ first: 11, last: 12 });
    });
  }, 120_000);

  it('describes the scan as a IIIF 3.0 manifest whose canvases are its pages', async () => {
    const { meta } = await doc('scans/thong-bao.pdf');
    const manifest = (await scanManifest(content, meta, 'https://archive.example')) as {
      '@context': string;
      type: string;
      items: { type: string; width: number; items: { items: { body: { id: string } }[] }[] }[];
    };
    expect(manifest['@context']).toBe('http://iiif.io/api/presentation/3/context.json');
    expect(manifest.type).toBe('Manifest');
    expect(manifest.items).toHaveLength(1);
    expect(manifest.items[0]?.items[0]?.items[0]?.body.id).toBe(
      `https://archive.example/media/${meta.id}/page-1.webp`,
    );
    expect(
      await scanManifest(content, (await doc('photos/hoi-nghi.jpg')).meta, ''),
    ).toBeUndefined();
  });
});

describe('--ocr later', () => {
  it('keeps scans queued without holding up the run, and `npm run ocr` reads them', async () => {
    await withTempDir('vankho-ocr-later-', async (dir) => {
      const laterInput = path.join(dir, 'in');
      const laterContent = path.join(dir, 'content');
      await writeTree(laterInput, {
        'scan.png': await renderScan(NOTICE, 'vi'),
        'note.txt': 'Ghi chú về công tác lưu trữ.',
      });
      const first = await ingest({
        inputDir: laterInput,
        contentDir: laterContent,
        defaultClassification: 'public',
        ocr: 'later',
      });
      expect(first.ocr).toMatchObject({ documents: 0, recognised: 0, queued: 1 });
      const id = documentId('scan.png');
      expect((await readDocument(laterContent, id))?.meta.needsOcr).toBe(true);
      expect(await readOcrQueue(laterContent)).toEqual([
        { inputDir: laterInput, defaultClassification: 'public' },
      ]);

      const out = execFileSync(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'ocr.ts'), '--content-dir', laterContent, '--no-index'],
        { encoding: 'utf8' },
      );
      expect(out).toContain('ocr: 1 scans, 1 pages (1 recognised in this run)');
      const read = await readDocument(laterContent, id);
      expect(read?.meta.needsOcr).toBeUndefined();
      expect(read?.meta.number).toBe('45/TB-VTLTNN');
      expect(await readOcrQueue(laterContent)).toEqual([]);
      // Nothing left: a second run says so.
      const again = execFileSync(
        process.execPath,
        [path.join(REPO_ROOT, 'scripts', 'ocr.ts'), '--content-dir', laterContent, '--no-index'],
        { encoding: 'utf8' },
      );
      expect(again).toContain('nothing waits for OCR');
    });
  }, 120_000);
});

describe('a run killed while reading a scan', () => {
  it('goes on from the first page not kept, never reading a finished page again', async () => {
    await withTempDir('vankho-ocr-kill-', async (dir) => {
      const killInput = path.join(dir, 'in');
      const killContent = path.join(dir, 'content');
      const pages = await Promise.all(
        [1, 2, 3].map((n) => renderScan(`Trang ${String(n)}\n${NOTICE}`, 'vi')),
      );
      await writeTree(killInput, { 'ba-trang.pdf': await scannedPdf(...pages) });
      const args = [
        path.join(REPO_ROOT, 'scripts', 'ingest.ts'),
        killInput,
        '--content-dir',
        killContent,
        '--no-index',
        '--default-classification',
        'public',
      ];
      const child = spawn(process.execPath, args, { stdio: 'ignore' });
      // Killed as soon as the first page's words are kept.
      const ocrRoot = path.join(killContent, 'ocr');
      const firstPage = async () => {
        const files = await fs.readdir(ocrRoot, { recursive: true }).catch(() => []);
        return files.some((file) => file.endsWith('/1.json'));
      };
      while (!(await firstPage())) {
        if (child.exitCode !== null) throw new Error('ingest ended before it was killed');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(await readDocument(killContent, documentId('ba-trang.pdf'))).toBeUndefined();

      const resumed = await ingest({
        inputDir: killInput,
        contentDir: killContent,
        defaultClassification: 'public',
      });
      // The first page (at least) was read back, not recognised again.
      expect(resumed.ocr.pages).toBe(3);
      expect(resumed.ocr.recognised).toBeLessThan(3);
      const { body, meta } = await doc('ba-trang.pdf', killContent);
      expect(meta.ocr?.pages).toBe(3);
      for (const n of [1, 2, 3]) expect(body).toContain(`Trang ${String(n)}`);
      const leftovers = (await fs.readdir(killContent, { recursive: true })).filter((file) =>
        file.endsWith('.tmp'),
      );
      expect(leftovers).toEqual([]);
    });
  }, 180_000);
});

describe('progress', () => {
  it('says where a long scan is, page by page, with what is left', async () => {
    await withTempDir('vankho-ocr-progress-', async (dir) => {
      const png = await renderScan('Trang\nSố: 9/TB-UBND', 'vi');
      await writeTree(path.join(dir, 'in'), { 'hai-trang.pdf': await scannedPdf(png, png) });
      const run = spawnSync(process.execPath, ingestCommand(dir), { encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('ocr: hai-trang.pdf: page 2 of 2, done');
    });
  }, 120_000);
});
