import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateSkew, worthTurning } from '../../../src/ocr/deskew.ts';
import { renderScan } from '../../../src/ocr/scans.ts';

const TEXT =
  'Thông báo về việc phòng chống mối mọt trong kho lưu trữ của Văn phòng Trung ương Đảng. '.repeat(
    12,
  );

/** The page's grey pixels, turned clockwise by `degrees` as a crooked scanner feeds it. */
async function pixels(scan: Buffer, degrees: number) {
  const { data, info } = await sharp(scan)
    .rotate(degrees, { background: '#ffffff' })
    .greyscale()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('estimateSkew', () => {
  it('finds how far a page is turned either way, to a tenth of a degree', async () => {
    const scan = await renderScan(TEXT, 'vi');
    for (const degrees of [-6, -2.5, 0, 1.2, 3, 8]) {
      const page = await pixels(scan, degrees);
      expect(estimateSkew(page.data, page.width, page.height)).toBeCloseTo(degrees, 1);
    }
  });

  it('leaves a blank page straight', () => {
    expect(estimateSkew(new Uint8Array(800 * 600).fill(255), 800, 600)).toBe(0);
  });

  it('turns only pages that Tesseract would misread', () => {
    expect(worthTurning(0.3)).toBe(false);
    expect(worthTurning(-2)).toBe(true);
  });
});
