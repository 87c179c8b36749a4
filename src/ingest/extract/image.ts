/**
 * Images: dimensions, and WebP renditions at 320 and 1024 px without EXIF or
 * GPS data. A pixel limit stops image bombs before they are decoded.
 */
import sharp from 'sharp';
import { RejectedFileError, type Extractor, type ImageFacts } from './types.ts';

export const MAX_PIXELS = 100_000_000;
export const DERIVATIVE_WIDTHS = [320, 1024] as const;

export const extractImage: Extractor = async (bytes) => {
  const input = Buffer.from(bytes);
  // Reading the header decodes no pixels, so the size can be checked before any decoding.
  const { width, height } = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((cause: unknown) => {
      throw new RejectedFileError(`not a readable image: ${(cause as Error).message}`, { cause });
    });
  if (width * height > MAX_PIXELS) {
    throw new RejectedFileError(
      `image bomb suspected: ${String(width)}×${String(height)} pixels (limit ${String(MAX_PIXELS)})`,
    );
  }
  const derivatives: ImageFacts['derivatives'] = [];
  try {
    for (const target of DERIVATIVE_WIDTHS) {
      // rotate() applies the EXIF orientation; sharp writes no metadata unless asked.
      const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width: target, withoutEnlargement: true })
        // Effort 2 of 0–6 (default 4): on the benchmark's photographs, 18 instead of 30 ms of
        // CPU for both renditions, for 3.1 instead of 2.8 KB; images were a third of ingest's work.
        .webp({ quality: 80, effort: 2 })
        .timeout({ seconds: 30 })
        .toBuffer({ resolveWithObject: true });
      derivatives.push({ width: info.width, height: info.height, bytes: data });
    }
  } catch (cause) {
    throw new RejectedFileError(
      `image cannot be decoded (truncated or damaged): ${(cause as Error).message}`,
      { cause },
    );
  }
  return {
    format: 'image',
    tree: { type: 'root', children: [] },
    image: { width, height, derivatives },
  };
};
