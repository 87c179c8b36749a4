import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RejectedFileError } from '../../src/ingest/extract/index.ts';
import { ExtractionPool } from '../../src/ingest/pool.ts';
import { documentFile, readDocument } from '../../src/content/store.ts';
import { originalFile } from '../../src/content/originals.ts';
import { debianPdf } from '../helpers/material.ts';
import { withTempDir } from '../helpers/temp.ts';

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

  const note = async (text: string) => ({
    ...(await request()),
    source: `${text}.txt`,
    bytes: Buffer.from(`Văn bản ${text}.`),
  });

  it('sends jobs that wait to a worker together, and answers each in its order', async () => {
    const pool = new ExtractionPool({ workers: 1 });
    try {
      const names = ['một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];
      // All submitted at once: the first finds the worker idle, the rest wait.
      const requests = await Promise.all(names.map(note));
      const results = await Promise.all(requests.map(async (r) => pool.process(r)));
      expect(results.map((r) => r.body.trim())).toEqual(names.map((name) => `Văn bản ${name}.`));
      // The first alone, to the idle worker; the nine that waited in batches of at most eight.
      expect(pool.sent).toEqual({ jobs: 10, messages: 3 });
    } finally {
      await pool.close();
    }
  });

  it('in a batch, rejects only the file that takes too long; the others are processed', async () => {
    const pool = new ExtractionPool({ workers: 1, timeoutMs: 300 });
    try {
      // The first goes alone to the idle worker; the next four wait, and go together.
      const requests = await Promise.all([
        note('đầu'),
        request(),
        note('hai'),
        note('ba'),
        note('bốn'),
      ]);
      const settled = await Promise.allSettled(requests.map(async (r) => pool.process(r)));
      expect(settled.map((s) => s.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      const slow = settled[1] as PromiseRejectedResult;
      expect(slow.reason).toBeInstanceOf(RejectedFileError);
      expect((slow.reason as Error).message).toBe('extraction took longer than 0.3 s');
      expect((settled[4] as PromiseFulfilledResult<{ body: string }>).value.body.trim()).toBe(
        'Văn bản bốn.',
      );
    } finally {
      await pool.close();
    }
  });

  it('in a batch, rejects only the file that runs out of memory', async () => {
    // 40 MB: enough for a line of text (16 MB is not: the worker's libraries need it), far from
    // enough for the tree of 200,000 paragraphs.
    const pool = new ExtractionPool({ workers: 1, memoryMb: 40 });
    const huge = {
      ...(await request()),
      source: 'huge.md',
      bytes: Buffer.from(`# Lớn\n\n${'Đoạn văn bản rất dài.\n\n'.repeat(200_000)}`),
    };
    try {
      const requests = [await note('đầu'), await note('hai'), huge, await note('ba')];
      const settled = await Promise.allSettled(requests.map(async (r) => pool.process(r)));
      expect(settled.map((s) => s.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect(String((settled[2] as PromiseRejectedResult).reason)).toMatch(
        /more than 40 MB of memory|extraction (crashed|stopped)/,
      );
    } finally {
      await pool.close();
    }
  });

  it('settles every job when it is closed: those in a running batch and those waiting', async () => {
    const pool = new ExtractionPool({ workers: 1 });
    // The first alone; then the next four as one batch, which the PDF keeps running for seconds.
    const requests = await Promise.all([
      note('một'),
      note('hai'),
      request(),
      note('ba'),
      note('bốn'),
    ]);
    const jobs = requests.map(async (r) => pool.process(r));
    await jobs[0];
    await pool.close();
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/closed/);
  }, 20_000);

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

  it('keeps the original and writes the document in the worker; a failed write names the document', async () => {
    await withTempDir('vankho-pool-', async (contentDir) => {
      const pool = new ExtractionPool({ workers: 1 });
      try {
        const bytes = Buffer.from('Văn bản ngắn.');
        const sha256 = 'ab'.repeat(32);
        const processed = await pool.process(
          { ...(await request()), source: 'a/note.txt', bytes },
          { contentDir, sha256 },
        );
        expect(await fs.readFile(originalFile(contentDir, sha256, 'a/note.txt'))).toEqual(bytes);
        const meta = {
          id: 'note-0123456789',
          title: 'Ghi chú',
          type: 'other' as const,
          language: 'vi',
          classification: 'internal' as const,
          status: 'unknown' as const,
          subjects: [],
          relations: [],
          inputHash: 'cd'.repeat(32),
          sources: [
            {
              path: 'a/note.txt',
              sha256,
              size: bytes.length,
              format: 'txt' as const,
              ingestedAt: new Date().toISOString(),
            },
          ],
        };
        await pool.persist({ contentDir, doc: { meta, body: processed.body } });
        expect((await readDocument(contentDir, meta.id))?.body.trim()).toBe('Văn bản ngắn.');

        // A file where the document's folder should be: the write fails, and says which document.
        const other = { ...meta, id: 'note-0123456799' };
        await fs.mkdir(path.dirname(path.dirname(documentFile(contentDir, other.id))), {
          recursive: true,
        });
        await fs.writeFile(path.dirname(documentFile(contentDir, other.id)), 'not a folder');
        const failed = pool.persist({ contentDir, doc: { meta: other, body: 'x' } });
        await expect(failed).rejects.toThrow(/^Failed to write document note-0123456799: EEXIST/);
        await expect(failed).rejects.not.toBeInstanceOf(RejectedFileError);
      } finally {
        await pool.close();
      }
    });
  });
});
