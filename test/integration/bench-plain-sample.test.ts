/**
 * The plain anchor straight from the sample generator (how a million
 * documents' anchor is built in a session) holds the same documents as the
 * anchor built from an ingest of the generator's files: the same count
 * and the same title, number, date and facets for each; the text as long.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePlainRecords, writePlainRecordsFromSample } from '../../src/bench/plain.ts';
import { drawSample, generateArchive } from '../../src/sample/generate.ts';
import { ingest } from '../../src/ingest/pipeline.ts';
import { tempDir } from '../helpers/temp.ts';

// Every format and language; photographs repeat only past 3,600 (the sample unit test).
const DOCS = 400;

type PlainRecord = Record<string, unknown> & { id: string; text: string };

async function readRecords(file: string): Promise<PlainRecord[]> {
  const text = await fs.readFile(file, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PlainRecord);
}

/** What must agree, in an order that does not depend on ids. */
function described(records: PlainRecord[]): string[] {
  return records
    .map(({ id: _id, text: _text, summary: _summary, ...fields }) => JSON.stringify(fields))
    .sort();
}

describe('the plain anchor from the generator', () => {
  it('holds the documents an ingest of the same sample gives', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const input = path.join(dir, 'input');
      const content = path.join(dir, 'content');
      await generateArchive({ outDir: input, docs: DOCS });
      const report = await ingest({
        inputDir: input,
        contentDir: content,
        defaultClassification: 'internal',
        collection: 'input',
        ocr: 'later',
      });
      expect(report.rejected).toEqual([]);
      await writePlainRecords(content, path.join(dir, 'ingested.ndjson'));
      const written = await writePlainRecordsFromSample(
        drawSample(DOCS),
        path.join(dir, 'drawn.ndjson'),
        'input',
      );
      const ingested = await readRecords(path.join(dir, 'ingested.ndjson'));
      const drawn = await readRecords(path.join(dir, 'drawn.ndjson'));
      expect(written).toBe(drawn.length);
      expect(drawn.length).toBe(ingested.length);
      expect(described(drawn)).toEqual(described(ingested));
      // The text as long within a tenth, in all (each format adds its own header lines).
      const length = (records: PlainRecord[]) => records.reduce((sum, r) => sum + r.text.length, 0);
      expect(length(drawn) / length(ingested)).toBeGreaterThan(0.9);
      expect(length(drawn) / length(ingested)).toBeLessThan(1.1);
    } finally {
      await cleanup();
    }
  }, 300_000);
});
