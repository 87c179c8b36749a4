/**
 * Scans of known text, made here: sharp (Pango) renders Vietnamese or Hindi
 * text as a 300 dpi page image. Tests and the benchmark OCR them and compare
 * with the text they rendered, so that accuracy is measured, not assumed.
 */
import sharp from 'sharp';
import { WORD } from '../schema/fold.ts';

/** Fonts that have the letters: DejaVu for Vietnamese, Lohit (fonts-lohit-deva) for Hindi. */
const SERIF = 'DejaVu Serif 12';
const FONTS: Record<string, string> = { vi: SERIF, en: SERIF, hi: 'Lohit Devanagari 12' };

/** A white page with `text` in black at 300 dpi, as PNG; lines break at about 16 cm. */
export async function renderScan(text: string, language: string): Promise<Buffer> {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const ink = await sharp({
    text: {
      text: escaped,
      font: FONTS[language] ?? SERIF,
      dpi: 300,
      width: 1900,
      wrap: 'word',
      rgba: false,
    },
  })
    // Pango draws the text white on black: turned into ink on paper.
    .negate()
    .png()
    .toBuffer();
  // A second pass: sharp would negate the margin too if it were added in the same one.
  return sharp(ink)
    .extend({ top: 150, bottom: 150, left: 150, right: 150, background: '#ffffff' })
    .png()
    .toBuffer();
}

/** Word error rate: word edits (insert, delete, replace) to turn `heard` into `said`, per word said. */
export function wordErrorRate(said: string, heard: string): number {
  const reference = said.normalize('NFC').match(WORD) ?? [];
  const hypothesis = heard.normalize('NFC').match(WORD) ?? [];
  if (reference.length === 0) return hypothesis.length === 0 ? 0 : 1;
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + same,
      );
    }
    previous = current;
  }
  return (previous[hypothesis.length] ?? 0) / reference.length;
}
