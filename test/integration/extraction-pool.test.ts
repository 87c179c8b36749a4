import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RejectedFileError } from '../../src/ingest/extract/index.ts';
import { ExtractionPool } from '../../src/ingest/pool.ts';
import { debianPdf } from '../helpers/material.ts';

const request = async () => ({
  source: 'reference.pdf',
  bytes: await fs.readFile(debianPdf()),
  layers: [],
  defaultClassification: 'internal' as const,
});

describe('the extraction pool', () => {
  it('extracts in a worker', async () => {
    const pool = new ExtractionPool({ workers: 1 });
    try {
      const result = await pool.process(await request());
      expect(result.format).toBe('pdf');
      expect(result.pages).toBeGreaterThan(50);
    } finally {
      await pool.close();
    }
  });

  it('rejects a file that takes too long, replaces the worker and goes on', async () => {
    const pool = new ExtractionPool({ workers: 1, timeoutMs: 300 });
    // 300 ms is far less than the PDF needs (seconds), and far more than a line of text needs
    // even on a loaded machine (50 ms was not, under a parallel test run).
    try {
      const slow = pool.process(await request());
      await expect(slow).rejects.toThrow(RejectedFileError);
      await expect(slow).rejects.toThrow('extraction took longer than 0.3 s');
      const quick = await pool.process({
        ...(await request()),
        source: 'note.txt',
        bytes: Buffer.from('Văn bản ngắn.'),
      });
      expect(quick.body.trim()).toBe('Văn bản ngắn.');
    } finally {
      await pool.close();
    }
  });

  it('rejects a file whose extraction runs out of memory', async () => {
    const pool = new ExtractionPool({ workers: 1, memoryMb: 8 });
    try {
      await expect(pool.process(await request())).rejects.toThrow(
        /more than 8 MB of memory|extraction (crashed|stopped)/,
      );
    } finally {
      await pool.close();
    }
  });
});
