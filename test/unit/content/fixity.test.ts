import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFixity } from '../../../src/content/fixity.ts';
import { originalFile } from '../../../src/content/originals.ts';
import { readDocument } from '../../../src/content/store.ts';
import { documentId } from '../../../src/ingest/identity.ts';
import { ingest } from '../../../src/ingest/pipeline.ts';
import { tempDir, writeTree } from '../../helpers/temp.ts';

describe('fixity', () => {
  it('finds changed, missing and untracked originals, and logs each check', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const input = path.join(dir, 'in');
      const content = path.join(dir, 'content');
      const data = path.join(dir, 'data');
      await writeTree(input, { 'a.txt': 'Một.\n', 'b.txt': 'Hai.\n', 'c.txt': 'Ba.\n' });
      await ingest({ inputDir: input, contentDir: content, defaultClassification: 'public' });
      const first = await checkFixity(content, data);
      expect(first).toMatchObject({ checked: 3, ok: 3, changed: [], missing: [], untracked: [] });

      const original = async (name: string) => {
        const source = (await readDocument(content, documentId(name)))?.meta.sources[0];
        return originalFile(content, source?.sha256 ?? '', source?.path ?? '');
      };
      await fs.writeFile(await original('a.txt'), 'Một, sửa.\n');
      await fs.rm(await original('b.txt'));
      await fs.writeFile(path.join(content, 'originals', 'stray.bin'), 'x');
      const second = await checkFixity(content, data);
      expect(second).toMatchObject({ checked: 2, ok: 1 });
      expect(second.changed.map((c) => c.file)).toEqual([
        path.relative(content, await original('a.txt')),
      ]);
      expect(second.missing).toEqual([
        { file: path.relative(content, await original('b.txt')), documents: [documentId('b.txt')] },
      ]);
      expect(second.untracked).toEqual(['originals/stray.bin']);

      const log = (await fs.readFile(path.join(data, 'fixity.log'), 'utf8')).trim().split('\n');
      expect(log).toHaveLength(2);
      expect(JSON.parse(log[1] ?? '')).toMatchObject({
        checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        ok: 1,
      });
    } finally {
      await cleanup();
    }
    // A real ingest starts a worker pool: seconds on a busy 2-core machine.
  }, 30_000);
});
