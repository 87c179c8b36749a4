/**
 * Incremental snapshots decide "unchanged" by size and time. A file's time is
 * kept on its copy through whole milliseconds, and read back it may differ
 * from the original's by a fraction of one: such a file is still unchanged.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBackup } from '../../../src/backup/snapshot.ts';
import { tempDir, writeTree } from '../../helpers/temp.ts';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  work = await tempDir('vankho-snapshot-');
});
afterEach(() => work.cleanup());

describe('an incremental snapshot', () => {
  it('links a file whose time has a fraction of a millisecond, and copies one that changed', async () => {
    const content = path.join(work.dir, 'content');
    await writeTree(content, {
      'documents/ab/a.md': 'một',
      'originals/ab/b.txt': 'hai',
    });
    // The time a file had on 2026-11-30, whose copy came back one millisecond later.
    const stamped = path.join(content, 'documents', 'ab', 'a.md');
    const seconds = 1796031272_684_586 / 1e6;
    await fs.utimes(stamped, seconds, seconds);
    const out = path.join(work.dir, 'backups');
    const data = path.join(work.dir, 'data');
    await fs.mkdir(data);
    const first = await writeBackup(content, data, out, { now: new Date('2026-11-30T09:00:00Z') });
    expect(first).toMatchObject({ copied: 2, linked: 0 });
    await fs.writeFile(path.join(content, 'originals', 'ab', 'b.txt'), 'ba');
    const second = await writeBackup(content, data, out, { now: new Date('2026-11-30T09:00:01Z') });
    expect(second).toMatchObject({ copied: 1, linked: 1 });
  });
});
