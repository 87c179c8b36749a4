/**
 * A scanned notice in the portal: found by a phrase from its body with and
 * without diacritics and by its number, shown page by page with the words
 * marked, opened from its IIIF manifest; a secret scan's manifest and page
 * pictures are 404 to anonymous visitors, as its page is.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseManifest, type Manifest } from 'manifesto.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEdition } from '../../src/export/edition.ts';
import { documentId } from '../../src/ingest/identity.ts';
import { ingest } from '../../src/ingest/pipeline.ts';
import { renderScan } from '../../src/ocr/scans.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';
import { NOTICE, scannedPdf } from '../helpers/scans.ts';

let portal: PortalProcess;
let work: { dir: string; cleanup: () => Promise<void> };
let content: string;
const PUBLIC = documentId('scans/thong-bao.png');
const SECRET = documentId('mat/bien-ban.png');
const REGISTER = documentId('scans/so-dang-ky.pdf');

beforeAll(async () => {
  work = await tempDir('vankho-scan-');
  const input = path.join(work.dir, 'input');
  content = path.join(work.dir, 'content');
  const notice = await renderScan(NOTICE, 'vi');
  // Twelve short pages; only the eleventh holds the word sought.
  const register = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      renderScan(i === 10 ? 'Sổ đăng ký zebrafolio' : `Trang số ${String(i + 1)}`, 'vi'),
    ),
  );
  await writeTree(input, {
    // The same notice as a PNG page, a JPEG page and a scanned PDF, with no metadata but public.
    'scans/thong-bao.png': notice,
    'scans/thong-bao.png.meta.yaml': 'classification: public\n',
    'scans/thong-bao-jpeg.jpg': await sharp(notice).jpeg({ quality: 85 }).toBuffer(),
    'scans/thong-bao-jpeg.jpg.meta.yaml': 'classification: public\n',
    'scans/thong-bao-pdf.pdf': await scannedPdf(notice),
    'scans/thong-bao-pdf.pdf.meta.yaml': 'classification: public\n',
    'scans/so-dang-ky.pdf': await scannedPdf(...register),
    'mat/bien-ban.png': await renderScan('BIÊN BẢN\nKho mật quokkascan được kiểm kê.', 'vi'),
    'mat/bien-ban.png.meta.yaml': 'classification: secret\n',
  });
  const report = await ingest({
    inputDir: input,
    contentDir: content,
    defaultClassification: 'public',
  });
  expect(report.ocr.documents).toBe(5);
  portal = await startPortalProcess({
    DATA_DIR: path.join(work.dir, 'data'),
    CONTENT_DIR: content,
  });
}, 240_000);
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

const search = async (q: string) =>
  (await (
    await fetch(`${portal.url}/api/search?${new URLSearchParams({ q }).toString()}`)
  ).json()) as {
    total: number;
    hits: { id: string; url: string }[];
  };

describe('a scanned notice in the portal', () => {
  it('is found by a phrase of its body, with and without diacritics, and by its number', async () => {
    const all = [
      PUBLIC,
      documentId('scans/thong-bao-jpeg.jpg'),
      documentId('scans/thong-bao-pdf.pdf'),
    ];
    for (const q of ['mối mọt', 'moi mot', '45/TB-VTLTNN', '45-tb-vtltnn']) {
      const found = await search(q);
      expect(found.hits.map((hit) => hit.id).sort(), q).toEqual([...all].sort());
    }
    const hit = (await search('moi mot')).hits.find((h) => h.id === PUBLIC);
    expect(hit?.url).toBe(`/documents/${PUBLIC}?hl=moi+mot`);
  });

  it('shows its page with the words sought marked on it', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${portal.url}/documents/${PUBLIC}?hl=moi+mot`);
      const image = page.locator('.scan-image img');
      await image.waitFor();
      expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      const marks = page.locator('.scan-mark');
      expect(await marks.count()).toBe(4);
      const frame = await image.boundingBox();
      for (const box of await Promise.all((await marks.all()).map((mark) => mark.boundingBox()))) {
        expect(box && frame).toBeTruthy();
        if (!box || !frame) continue;
        expect(box.x).toBeGreaterThanOrEqual(frame.x);
        expect(box.y).toBeGreaterThanOrEqual(frame.y);
        expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
        expect(box.height).toBeGreaterThan(4);
      }
      await expect(page.locator('.scan-text').first().textContent()).resolves.toContain('mối mọt');
    } finally {
      await browser.close();
    }
  });

  it('shows a long scan ten pages at a time, opening at the page with the word sought', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${portal.url}/documents/${REGISTER}?hl=zebrafolio`);
      const nav = page.locator('.scan-nav').first();
      await expect(nav.textContent()).resolves.toContain('Trang 11–12 / 12');
      expect(await page.locator('.scan-page').evaluateAll((f) => f.map((e) => e.id))).toEqual([
        'trang-11',
        'trang-12',
      ]);
      expect(await page.locator('#trang-11 .scan-mark').count()).toBe(1);
      await nav.getByRole('link', { name: /trước/ }).click();
      await page.waitForURL(/trang=10/);
      expect(new URL(page.url()).searchParams.get('hl')).toBe('zebrafolio');
      expect(await page.locator('.scan-page').count()).toBe(10);
      // Going to a page by number keeps the sought words.
      await nav.getByLabel('Đến trang').fill('12');
      await nav.getByRole('button').click();
      await page.waitForURL(/trang=12/);
      expect(await page.locator('.scan-page').count()).toBe(2);
      expect((await fetch(`${portal.url}/documents/${REGISTER}?trang=x`)).status).toBe(404);
    } finally {
      await browser.close();
    }
  });

  it('opens from a IIIF manifest, read as Mirador and Universal Viewer read it (manifesto.js)', async () => {
    for (const [id, pages] of [
      [PUBLIC, 1],
      [REGISTER, 12],
    ] as const) {
      const response = await fetch(`${portal.url}/iiif/${id}/manifest.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/ld+json');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const manifest = parseManifest(await response.json()) as Manifest | null;
      expect(manifest?.isManifest()).toBe(true);
      const canvases = manifest?.getSequences()[0]?.getCanvases() ?? [];
      expect(canvases.map((canvas) => canvas.getLabel().getValue())).toEqual(
        Array.from({ length: pages }, (_, i) => String(i + 1)),
      );
      const [first] = canvases;
      const body = first?.getContent()[0]?.getBody()[0];
      expect(body?.id).toBe(`${portal.url}/media/${id}/page-1.webp`);
      expect(body?.getFormat()).toBe('image/webp');
      // The picture served is the canvas's size, so the viewer's zoom and the marks line up.
      const picture = await fetch(body?.id ?? '');
      expect(picture.status).toBe(200);
      expect(picture.headers.get('content-type')).toBe('image/webp');
      const size = await sharp(Buffer.from(await picture.arrayBuffer())).metadata();
      expect([size.width, size.height]).toEqual([first?.getWidth(), first?.getHeight()]);
      const [original] = manifest?.getRenderings() ?? [];
      expect(original?.getFormat()).toBe(id === REGISTER ? 'application/pdf' : 'image/png');
      expect((await fetch(original?.id ?? '')).status).toBe(200);
    }
  });

  it('keeps a secret scan out of reach: no hit, and 404 for its page, manifest and pictures', async () => {
    expect((await search('quokkascan')).total).toBe(0);
    for (const url of [
      `/documents/${SECRET}`,
      `/iiif/${SECRET}/manifest.json`,
      `/media/${SECRET}/page-1.webp`,
      `/media/${SECRET}/original`,
    ]) {
      expect((await fetch(`${portal.url}${url}`)).status, url).toBe(404);
    }
  });

  it('goes into the offline edition with its pages and text; the secret scan does not', async () => {
    const out = path.join(work.dir, 'edition');
    const report = await exportEdition(content, out);
    expect(report.problems).toEqual([]);
    const html = await fs.readFile(path.join(out, 'documents', PUBLIC, 'index.html'), 'utf8');
    expect(html).toContain(`../../media/${PUBLIC}/page-1.webp`);
    expect(html).toContain('mối mọt');
    const picture = await fs.stat(path.join(out, 'media', PUBLIC, 'page-1.webp'));
    expect(picture.size).toBeGreaterThan(1000);
    await expect(fs.stat(path.join(out, 'documents', SECRET))).rejects.toThrow();
    await expect(fs.stat(path.join(out, 'media', SECRET))).rejects.toThrow();
  }, 120_000);
});
