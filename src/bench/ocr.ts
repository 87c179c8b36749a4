/**
 * OCR in the benchmark: pages of known Vietnamese and Hindi text rendered as
 * 300 dpi scans, recognised as ingest would (no language given, two pages at
 * a time on this box), then compared word by word with what was rendered;
 * each language timed on its own.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { createHash } from 'node:crypto';
import { ocrDocument, ocrText } from '../ocr/document.ts';
import { renderScan, wordErrorRate } from '../ocr/scans.ts';
import { SENTENCES, TOPICS, type Language } from '../sample/corpus.ts';
import { sentenceMaker } from '../sample/model.ts';
import { round } from './measure.ts';

export interface OcrBench {
  pages: number;
  pagesPerMinute: number;
  /** Each language alone: a Hindi page may be read twice (first as guessed Vietnamese). */
  pagesPerMinuteVi: number;
  pagesPerMinuteHi: number;
  /** Mean word error rate over the pages of each language, 0–1. */
  werVi: number;
  werHi: number;
}

/** A page of prose: ten sentences of the sample corpus, the same for the same seed. */
function pageText(language: Language, seed: number): string {
  let state = seed;
  const rng = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const topic = TOPICS[seed % TOPICS.length] ?? TOPICS[0];
  if (!topic) throw new Error('the sample corpus has no topics');
  const sentence = sentenceMaker(language, topic, 2000 + (seed % 25), rng);
  return Array.from({ length: SENTENCES[language].length > 10 ? 10 : 6 }, sentence).join(' ');
}

export async function measureOcr(pagesPerLanguage = 6, concurrency = 2): Promise<OcrBench> {
  const contentDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vankho-bench-ocr-'));
  try {
    const limit = pLimit(concurrency);
    // One language after the other, so that each has its own rate.
    const measured = [];
    for (const language of ['vi', 'hi'] as const) {
      const texts = Array.from({ length: pagesPerLanguage }, (_, i) => pageText(language, i + 1));
      const scans = await Promise.all(texts.map((text) => renderScan(text, language)));
      const started = performance.now();
      const rates = await Promise.all(
        scans.map((bytes, i) =>
          limit(async () => {
            const result = await ocrDocument({
              bytes,
              format: 'image',
              sha256: createHash('sha256').update(bytes).digest('hex'),
              contentDir,
              maxPixels: 100_000_000,
            });
            return wordErrorRate(texts[i] ?? '', ocrText(result.pages));
          }),
        ),
      );
      const minutes = (performance.now() - started) / 60_000;
      const wer = rates.reduce((sum, rate) => sum + rate, 0) / Math.max(1, rates.length);
      measured.push({ minutes, wer: round(wer, 4), perMinute: round(scans.length / minutes, 1) });
    }
    const [vi, hi] = measured;
    if (!vi || !hi) throw new Error('OCR bench: a language was not measured');
    return {
      pages: 2 * pagesPerLanguage,
      pagesPerMinute: round((2 * pagesPerLanguage) / (vi.minutes + hi.minutes), 1),
      pagesPerMinuteVi: vi.perMinute,
      pagesPerMinuteHi: hi.perMinute,
      werVi: vi.wer,
      werHi: hi.wer,
    };
  } finally {
    await fs.rm(contentDir, { recursive: true, force: true });
  }
}
