/**
 * OCR in the benchmark: pages of known Vietnamese and Hindi text rendered as
 * 300 dpi scans, recognised as ingest would (no language given, two pages at
 * a time on this box), then compared word by word with what was rendered.
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
    const pages = (['vi', 'hi'] as const).flatMap((language) =>
      Array.from({ length: pagesPerLanguage }, (_, i) => ({
        language,
        text: pageText(language, i + 1),
      })),
    );
    const scans = await Promise.all(pages.map((page) => renderScan(page.text, page.language)));
    const limit = pLimit(concurrency);
    const started = performance.now();
    const rates = await Promise.all(
      pages.map((page, i) =>
        limit(async () => {
          const bytes = scans[i] ?? Buffer.alloc(0);
          const result = await ocrDocument({
            bytes,
            format: 'image',
            sha256: createHash('sha256').update(bytes).digest('hex'),
            contentDir,
            maxPixels: 100_000_000,
          });
          return { language: page.language, wer: wordErrorRate(page.text, ocrText(result.pages)) };
        }),
      ),
    );
    const minutes = (performance.now() - started) / 60_000;
    const mean = (language: Language) => {
      const of = rates.filter((rate) => rate.language === language);
      return round(of.reduce((sum, rate) => sum + rate.wer, 0) / Math.max(1, of.length), 4);
    };
    return {
      pages: pages.length,
      pagesPerMinute: round(pages.length / minutes, 1),
      werVi: mean('vi'),
      werHi: mean('hi'),
    };
  } finally {
    await fs.rm(contentDir, { recursive: true, force: true });
  }
}
