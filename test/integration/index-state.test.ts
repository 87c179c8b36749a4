/**
 * Whether the index is current, asked at every start: in milliseconds from the
 * shard folders' times, whatever the archive's size; a document written as
 * ingest writes (a rename into its shard) is always seen.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFile, readDocument, writeDocument } from '../../src/content/store.ts';
import { ensureIndexed, type IndexTarget } from '../../src/meili/sync.ts';
import { sampleIndexTarget, startTestMeili, type TestMeili } from '../helpers/meili.ts';

let meili: TestMeili;
let target: IndexTarget;

beforeAll(async () => {
  meili = await startTestMeili();
  target = await sampleIndexTarget(meili, 'state-test');
});
afterAll(() => meili.close());

describe('the index state', () => {
  it('is current without statting every document, and sees a document written as ingest writes', async () => {
    expect((await ensureIndexed(target)).rebuilt).toBe(true);
    expect((await ensureIndexed(target)).rebuilt).toBe(false);

    const file = (await fs.readdir(path.join(target.contentDir, 'documents'), { recursive: true }))
      .filter((name) => name.endsWith('.md'))
      .sort()[0];
    const id = path.basename(file ?? '', '.md');
    // Edited in place (no rename): only the full fingerprint would see it, and start does not
    // compute it when the shard folders say nothing was written. `npm run index` rebuilds.
    const inPlace = documentFile(target.contentDir, id);
    const text = await fs.readFile(inPlace, 'utf8');
    await fs.writeFile(inPlace, text);
    expect((await ensureIndexed(target)).rebuilt).toBe(false);
    expect((await ensureIndexed(target, true)).rebuilt).toBe(true);

    // Written as ingest writes (a new file renamed into its shard): seen.
    const doc = await readDocument(target.contentDir, id);
    if (!doc) throw new Error('no document');
    await writeDocument(target.contentDir, { ...doc, body: `${doc.body}\nThêm một dòng.\n` });
    expect((await ensureIndexed(target)).rebuilt).toBe(true);
    expect((await ensureIndexed(target)).rebuilt).toBe(false);
  });
});
