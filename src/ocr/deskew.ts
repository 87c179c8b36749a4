/**
 * How far a scanned page is turned off the horizontal. Tesseract reads a page
 * turned by 1° as it reads a straight one, but finds no text at all on the
 * same page turned by 2° (measured on a rendered notice: "Empty page!!"), and
 * scanners feed paper crooked by a degree or three all the time.
 *
 * The angle is the one whose projection profile is sharpest: dark pixels
 * counted per row of a page sheared by that angle pile up into few rows when
 * the shear follows the lines of text. Computed on a sample of the pixels
 * (at most ~1,000 columns), coarse then fine: a few milliseconds a page.
 */

/** Pages are searched for a skew up to this many degrees either way. */
export const MAX_SKEW_DEGREES = 10;
// Below this a page is left as it is: Tesseract copes, and turning blurs.
const LEAST_WORTH_TURNING = 0.5;
// Darker than this (0–255, on a page whose contrast was stretched) counts as ink.
const INK = 128;
// A sharper profile must beat the straight page's by this much to be believed.
const LEAST_GAIN = 1.05;
// The page is sampled down to about this many columns.
const SAMPLE_COLUMNS = 1000;

interface Ink {
  xs: Float64Array;
  ys: Float64Array;
  rows: number;
}

/** The dark pixels of a sample of the page, with coordinates in sample units. */
function inkOf(pixels: Uint8Array, width: number, height: number): Ink {
  const step = Math.max(1, Math.ceil(width / SAMPLE_COLUMNS));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += step) {
    const row = y * width;
    for (let x = 0; x < width; x += step) {
      if ((pixels[row + x] ?? 255) < INK) {
        xs.push(x / step);
        ys.push(y / step);
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), rows: Math.ceil(height / step) };
}

/** How sharply the ink piles into rows when sheared by `degrees`: the sum of squared row counts. */
function sharpness(ink: Ink, degrees: number, counts: Uint32Array): number {
  const slope = Math.tan((degrees * Math.PI) / 180);
  // Sheared rows start this far down so that none goes below 0 (x is at most SAMPLE_COLUMNS).
  const offset = Math.ceil(Math.abs(slope) * SAMPLE_COLUMNS) + 1;
  counts.fill(0);
  for (let i = 0; i < ink.xs.length; i++) {
    const row = Math.round((ink.ys[i] ?? 0) - (ink.xs[i] ?? 0) * slope) + offset;
    counts[row] = (counts[row] ?? 0) + 1;
  }
  let sum = 0;
  for (const count of counts) sum += count * count;
  return sum;
}

/**
 * The skew of a page in degrees, positive when its lines fall to the right
 * (turn it by the negative to straighten it); 0 when it is straight, blank,
 * or shows no clear lines.
 */
export function estimateSkew(pixels: Uint8Array, width: number, height: number): number {
  const ink = inkOf(pixels, width, height);
  if (ink.xs.length < 100) return 0;
  const slopeRoom = Math.ceil(Math.tan((MAX_SKEW_DEGREES * Math.PI) / 180) * SAMPLE_COLUMNS) + 2;
  const counts = new Uint32Array(ink.rows + 2 * slopeRoom + 2);
  const best = (from: number, to: number, by: number, start: number) => {
    let angle = start;
    let score = sharpness(ink, start, counts);
    for (let a = from; a <= to + 1e-9; a += by) {
      const s = sharpness(ink, a, counts);
      if (s > score) [angle, score] = [a, s];
    }
    return { angle, score };
  };
  const coarse = best(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.5, 0);
  const fine = best(coarse.angle - 0.5, coarse.angle + 0.5, 0.05, coarse.angle);
  const straight = sharpness(ink, 0, counts);
  if (fine.score < straight * LEAST_GAIN) return 0;
  return Math.round(fine.angle * 100) / 100;
}

/** Whether a page turned by `degrees` is worth straightening before OCR. */
export function worthTurning(degrees: number): boolean {
  return Math.abs(degrees) >= LEAST_WORTH_TURNING;
}
