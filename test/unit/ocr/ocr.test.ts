import { describe, expect, it } from 'vitest';
import { ocrText } from '../../../src/ocr/document.ts';
import { OCR_DPI, scaleFor } from '../../../src/ocr/pages.ts';
import { wordErrorRate } from '../../../src/ocr/scans.ts';
import { parseTsv } from '../../../src/ocr/tesseract.ts';

// As `tesseract page.png stdout tsv` prints it: page, block, paragraph, line, then words.
const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '1\t1\t0\t0\t0\t0\t0\t0\t2000\t1000\t-1\t',
  '2\t1\t1\t0\t0\t0\t100\t100\t800\t100\t-1\t',
  '5\t1\t1\t1\t1\t1\t100\t100\t120\t40\t96.5\tSố:',
  '5\t1\t1\t1\t1\t2\t240\t100\t300\t40\t91.5\t45/TB-VTLTNN',
  '5\t1\t1\t1\t2\t1\t100\t150\t100\t40\t90\tHà',
  '5\t1\t1\t1\t2\t2\t210\t150\t100\t40\t88\tNội',
  '5\t1\t2\t1\t1\t1\t100\t300\t200\t40\t50\tTHÔNG',
  '5\t1\t2\t1\t1\t2\t310\t300\t200\t40\t-1\t ',
].join('\n');

describe('parseTsv', () => {
  it('keeps the page size, each word with its box and confidence, and the mean', () => {
    const page = parseTsv(TSV, 'vie');
    expect(page).toMatchObject({ width: 2000, height: 1000, languages: 'vie' });
    expect(page.words.map((w) => w.text)).toEqual(['Số:', '45/TB-VTLTNN', 'Hà', 'Nội', 'THÔNG']);
    expect(page.words[1]).toMatchObject({ x: 240, y: 100, w: 300, h: 40, confidence: 91.5 });
    expect(page.confidence).toBe(83.2);
  });
});

describe('ocrText', () => {
  it('keeps Tesseract’s lines and paragraphs, and a blank line between pages', () => {
    const page = parseTsv(TSV, 'vie');
    expect(ocrText([page, page])).toBe(
      'Số: 45/TB-VTLTNN\nHà Nội\n\nTHÔNG\n\nSố: 45/TB-VTLTNN\nHà Nội\n\nTHÔNG',
    );
  });
});

describe('scaleFor', () => {
  it('brings a page to the OCR resolution from the resolution it declares', () => {
    expect(scaleFor(2480, 3508, 300)).toBeCloseTo(OCR_DPI / 300);
    expect(scaleFor(1240, 1754, 150)).toBeCloseTo(OCR_DPI / 150);
  });

  it('takes 72 dpi for unknown, and guesses from an A4 width', () => {
    expect(scaleFor(1240, 1754, 72)).toBeCloseTo(OCR_DPI / 150, 1);
  });

  it('never shrinks, never more than four times, never past 40 megapixels', () => {
    expect(scaleFor(10_000, 10_000, 600)).toBe(1);
    expect(scaleFor(200, 300, 50)).toBe(4);
    const scale = scaleFor(4000, 6000, 150);
    expect(4000 * 6000 * scale * scale).toBeLessThanOrEqual(40_000_000 + 1);
  });
});

describe('wordErrorRate', () => {
  it('counts word edits per word of the reference', () => {
    expect(wordErrorRate('bị mối mọt phá hoại', 'bị mối mọt phá hoại')).toBe(0);
    expect(wordErrorRate('bị mối mọt phá hoại', 'bi mối mot phá hoại')).toBe(0.4);
    expect(wordErrorRate('bị mối mọt', 'bị mối mọt thêm')).toBeCloseTo(1 / 3);
  });
});
