import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllDocuments } from '../../../src/content/store.ts';
import { ArchiveCatalog, catalogFile } from '../../../src/ingest/catalog.ts';
import { numberKey } from '../../../src/schema/number.ts';
import { ingest } from '../../../src/ingest/pipeline.ts';
import { withTempDir, writeTree } from '../../helpers/temp.ts';

const fail = (file: string, error: Error) => {
  throw new Error(`${file}: ${error.message}`);
};

/** What a document needs to be in the catalog; `number` and `cites` make its citations. */
function entry(id: string, number?: string, ...cites: string[]) {
  return {
    id,
    ...(number ? { number } : {}),
    relations: cites.map((target) => ({ type: 'cites' as const, target })),
    sources: [
      {
        path: `${id}.md`,
        sha256: id.padEnd(64, '0'),
        size: 1,
        format: 'md' as const,
        ingestedAt: '2026-12-01T00:00:00Z',
      },
    ],
    inputHash: id,
  };
}

/** The citers `staleCiters` finds, by id. */
const staleIds = (catalog: ArchiveCatalog) =>
  [...catalog.citations.staleCiters()].map((citer) => citer.id);

describe('the catalog’s record of a run', () => {
  it('counts what the run wrote, each once, and not what a rebuild read', async () => {
    await withTempDir('vankho-catalog-', async (dir) => {
      const content = path.join(dir, 'content');
      await writeTree(path.join(dir, 'input'), {
        'a.md': '---\ntitle: A\nnumber: 1/NQ-TW\n---\n\nA.\n',
        'b.md': '---\ntitle: B\n---\n\nB.\n',
      });
      await ingest({
        inputDir: path.join(dir, 'input'),
        contentDir: content,
        defaultClassification: 'public',
      });
      // Rebuilt from the two documents: none of them was written by this run.
      await fs.rm(catalogFile(content));
      const rebuilt = await ArchiveCatalog.open(content, fail);
      try {
        expect(rebuilt.rebuilt).toBe(true);
        expect([...rebuilt.run.writtenIds()]).toEqual([]);
        expect(rebuilt.run.wroteAny).toBe(false);
        rebuilt.add(entry('x'));
        rebuilt.add(entry('y'));
        rebuilt.add(entry('x'));
        expect([...rebuilt.run.writtenIds()]).toEqual(['x', 'y']);
        expect(rebuilt.run.wroteAny).toBe(true);
      } finally {
        rebuilt.close();
      }
    });
  });

  it('checks again only the citations of numbers the run touched, unless rebuilt', async () => {
    await withTempDir('vankho-catalog-', async (dir) => {
      const content = path.join(dir, 'content');
      const first = await ArchiveCatalog.open(content, fail);
      // Two citers of numbers that no document has yet.
      first.add(entry('citer-1', undefined, '1/NQ-TW'));
      first.add(entry('citer-2', undefined, '2/NQ-TW'));
      // A rebuilt catalog checks every citation, touched or not.
      first.add(entry('nq-1', '1/NQ-TW'));
      first.add(entry('nq-2', '2/NQ-TW'));
      expect(staleIds(first)).toEqual(['citer-1', 'citer-2']);
      await first.seal(true);
      first.close();

      const second = await ArchiveCatalog.open(content, fail);
      try {
        expect(second.rebuilt).toBe(false);
        expect(staleIds(second)).toEqual([]);
        // Touched by hand (the number a document had before it changed): its citer is checked.
        second.citations.touchNumber('1/NQ-TW');
        expect(staleIds(second)).toEqual(['citer-1']);
        // Touched by a document written with that number.
        second.add(entry('nq-2-bis', '2/NQ-TW'));
        expect(staleIds(second)).toEqual(['citer-1', 'citer-2']);
      } finally {
        second.close();
      }
    });
  });

  it('gives each stale citer its citations’ targets now, and forgets them once relinked', async () => {
    await withTempDir('vankho-catalog-', async (dir) => {
      const content = path.join(dir, 'content');
      const first = await ArchiveCatalog.open(content, fail);
      // b cites two numbers not yet here and one that never comes; a cites one of them.
      first.add(entry('b', undefined, '1/NQ-TW', '2/NQ-TW', '9/NQ-TW'));
      first.add(entry('a', undefined, '2/NQ-TW'));
      await first.seal(true);
      first.close();

      const next = await ArchiveCatalog.open(content, fail);
      try {
        next.add(entry('nq-1', '1/NQ-TW'));
        next.add(entry('nq-2', '2/NQ-TW'));
        const stale = [...next.citations.staleCiters()];
        // One entry per citer, in id order, with only its stale citations.
        const [one, two] = [numberKey('1/NQ-TW'), numberKey('2/NQ-TW')].sort();
        const target = (key: string | undefined) =>
          key === numberKey('1/NQ-TW') ? 'nq-1' : 'nq-2';
        expect(stale).toEqual([
          { id: 'a', links: [{ key: numberKey('2/NQ-TW'), id: 'nq-2' }] },
          {
            id: 'b',
            links: [
              { key: one, id: target(one) },
              { key: two, id: target(two) },
            ],
          },
        ]);
        next.citations.relinked('a', stale[0]?.links ?? [], false);
        next.citations.relinked('b', stale[1]?.links ?? [], true);
        expect(staleIds(next)).toEqual([]);
        // Only a rewritten file counts as written.
        expect([...next.run.writtenIds()]).toEqual(['nq-1', 'nq-2', 'b']);
      } finally {
        next.close();
      }
    });
  });

  it('joins the copies it noted to their documents, whatever order they came in', async () => {
    await withTempDir('vankho-catalog-', async (dir) => {
      const content = path.join(dir, 'content');
      const a = 'Công văn A.\n';
      const b = 'Công văn B.\n';
      await writeTree(path.join(dir, 'input'), {
        '1-a.txt': a,
        '2-b.txt': b,
        '3-a.txt': a,
        '4-b.txt': b,
        '5-a.txt': a,
      });
      const entries: string[] = [];
      const steps: string[] = [];
      const report = await ingest({
        inputDir: path.join(dir, 'input'),
        contentDir: content,
        defaultClassification: 'public',
        onEntry: (e) => entries.push(`${e.source} ${e.outcome}`),
        onStep: (step) => steps.push(step),
      });
      // The steps after the files, each said as it starts (at 1M they take minutes).
      expect(steps).toEqual([
        'writing the documents that cite later ones',
        'joining copies to their documents',
        'resolving citations anew',
        'sealing the catalog',
      ]);
      expect(report.counts).toEqual({ ingested: 5, unchanged: 0, rejected: 0 });
      // The copies' outcomes are known once they joined: in the order they were found.
      expect(entries.slice(2)).toEqual([
        '3-a.txt ingested',
        '4-b.txt ingested',
        '5-a.txt ingested',
      ]);
      const sources = new Map<string, string[]>();
      for await (const { meta } of readAllDocuments(content, fail))
        sources.set(
          meta.id,
          meta.sources.map((s) => s.path),
        );
      expect([...sources.values()].sort()).toEqual([
        ['1-a.txt', '3-a.txt', '5-a.txt'],
        ['2-b.txt', '4-b.txt'],
      ]);
      expect(report.changed).toBe(2);
    });
  });
});
