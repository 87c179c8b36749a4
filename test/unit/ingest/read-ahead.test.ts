import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../../src/ingest/discover.ts';
import { ReadAhead } from '../../../src/ingest/read-ahead.ts';
import { withTempDir, writeTree } from '../../helpers/temp.ts';

describe('reading the input ahead', () => {
  it('hears of each folder as the walk lists it, before its files, with every file in it', async () => {
    await withTempDir('vankho-read-ahead-', async (dir) => {
      await writeTree(dir, {
        'a/1.txt': 'một',
        'a/1.txt.meta.yaml': 'title: Một\n',
        'a/b/2.md': 'hai',
        'c/manifest.csv': 'file,title\n3.txt,Ba\n',
        'c/3.txt': 'ba',
      });
      const heard: string[] = [];
      for await (const file of discover(
        dir,
        () => undefined,
        (folder, names) => heard.push(`${path.relative(dir, folder) || '.'}: ${names.join(' ')}`),
      )) {
        heard.push(`file ${file.relative}`);
      }
      expect(heard).toEqual([
        '.: ',
        'a: 1.txt 1.txt.meta.yaml',
        'file a/1.txt',
        'a/b: 2.md',
        'file a/b/2.md',
        'c: 3.txt manifest.csv',
        'file c/3.txt',
      ]);
    });
  });

  it('looks at every file of a folder in its own thread, a gone one passed over', async () => {
    await withTempDir('vankho-read-ahead-', async (dir) => {
      await writeTree(dir, { 'a.txt': 'một', 'b.txt': 'hai' });
      const ahead = new ReadAhead();
      ahead.folder(dir, ['a.txt', 'gone.txt']);
      ahead.folder(dir, ['b.txt']);
      await ahead.drained();
      expect(ahead.filesFound).toBe(2);
      await expect(ahead.close()).resolves.toBeUndefined();
    });
  });
});
