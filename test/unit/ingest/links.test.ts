import { readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { readAllDocuments } from '../../../src/content/store.ts';
import type { ArchiveDocument } from '../../../src/schema/document.ts';
import { ArchiveCatalog, catalogFile } from '../../../src/ingest/catalog.ts';
import { chooseTarget, relink } from '../../../src/ingest/links.ts';
import { numberKey } from '../../../src/schema/number.ts';
import { ingest } from '../../../src/ingest/pipeline.ts';
import { tempDir, writeTree } from '../../helpers/temp.ts';

describe('chooseTarget', () => {
  const a = { id: 'b-doc', issuer: 'UBND Huế', issued: '2020-05-01' };
  const b = { id: 'a-doc', issuer: 'UBND Hà Nội', issued: '2021-01-01' };
  const c = { id: 'c-doc', issuer: null, issued: null };
  it.each([
    ['the citing issuer’s own document first', 'UBND Hà Nội', 'a-doc'],
    ['else the earliest issued', 'Bộ Nội vụ', 'b-doc'],
    ['else (no issuer) the earliest issued', undefined, 'b-doc'],
  ])('prefers %s', (_, issuer, expected) => {
    expect(chooseTarget([c, b, a], issuer)).toBe(expected);
    expect(chooseTarget([a, c, b], issuer)).toBe(expected);
  });
  it('breaks ties by id, and places undated documents last', () => {
    expect(
      chooseTarget(
        [
          { ...c, id: 'z' },
          { ...c, id: 'y' },
        ],
        undefined,
      ),
    ).toBe('y');
    expect(chooseTarget([c, { ...c, id: 'd', issued: '2030-01-01' }], undefined)).toBe('d');
  });
});

describe('relink', () => {
  it('points only the listed citations where they resolve now', () => {
    const relations = [
      { type: 'implements' as const, target: '01/2020/QĐ-UBND' },
      { type: 'cites' as const, target: '02/2020/QĐ-UBND', id: 'old', candidates: 2 },
      { type: 'amends' as const, target: 'by-id', id: 'by-id' },
      { type: 'cites' as const, target: '03/2020/QĐ-UBND', id: 'kept' },
    ];
    expect(
      relink(relations, [
        { key: numberKey('01/2020/QĐ-UBND'), id: 'new-1' },
        { key: numberKey('02/2020/QĐ-UBND'), id: null },
        { key: numberKey('by-id'), id: 'elsewhere' },
      ]),
    ).toEqual([
      { type: 'implements', target: '01/2020/QĐ-UBND', id: 'new-1' },
      // No target any more: the id goes, and the count an earlier version wrote with it.
      { type: 'cites', target: '02/2020/QĐ-UBND' },
      { type: 'amends', target: 'by-id', id: 'by-id' },
      { type: 'cites', target: '03/2020/QĐ-UBND', id: 'kept' },
    ]);
  });
});

/** Ingests `batches` one run after another into a fresh content folder; returns its documents. */
async function ingestInOrder(batches: Record<string, string>[]) {
  const { dir, cleanup } = await tempDir();
  try {
    const content = path.join(dir, 'content');
    for (const [i, batch] of batches.entries()) {
      const input = path.join(dir, `input-${String(i)}`);
      await writeTree(input, batch);
      await ingest({ inputDir: input, contentDir: content, defaultClassification: 'public' });
    }
    const docs = new Map<string, ArchiveDocument>();
    for await (const { meta } of readAllDocuments(content, () => undefined)) {
      docs.set(meta.title, meta);
    }
    await fs.rm(content, { recursive: true });
    return docs;
  } finally {
    await cleanup();
  }
}

/** Ingests `files` as one more input folder `name` of `dir` into `dir/content`; returns the report. */
async function ingestFolder(dir: string, name: string, files: Record<string, string>) {
  const input = path.join(dir, name);
  await writeTree(input, files);
  return ingest({
    inputDir: input,
    contentDir: path.join(dir, 'content'),
    defaultClassification: 'public',
  });
}

describe('a number two documents share', () => {
  const hue = {
    'hue.md':
      '---\ntitle: QĐ Huế\nnumber: 01/2020/QĐ-UBND\nissuer: UBND Huế\nissued: 2020-03-01\n---\n\nHuế.\n',
  };
  const hanoi = {
    'hanoi.md':
      '---\ntitle: QĐ Hà Nội\nnumber: 01/2020/QĐ-UBND\nissuer: UBND Hà Nội\nissued: 2020-06-01\n---\n\nHà Nội.\n',
  };
  const citer = {
    'citer.md':
      '---\ntitle: Kế hoạch Hà Nội\nissuer: UBND Hà Nội\nrelations: [{ type: implements, target: 01/2020/QĐ-UBND }]\n---\n\nThực hiện.\n',
  };

  it(
    'resolves to the same document whatever order the files arrive in',
    { timeout: 60_000 },
    async () => {
      const orders = [
        [{ ...citer, ...hue }, hanoi],
        [{ ...citer, ...hanoi }, hue],
        [hue, citer, hanoi],
        [hanoi, hue, citer],
        [{ ...citer, ...hue, ...hanoi }],
      ];
      for (const order of orders) {
        const docs = await ingestInOrder(order);
        const relation = docs.get('Kế hoạch Hà Nội')?.relations[0];
        expect(relation?.id).toBe(docs.get('QĐ Hà Nội')?.id);
        expect(relation).not.toHaveProperty('candidates');
      }
    },
  );
});

describe('a document that cites one not yet here', () => {
  it('is written once the run’s files are in, its citations resolved against all of them', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const content = path.join(dir, 'content');
      await writeTree(path.join(dir, 'input'), {
        // Found first: its target comes later in the same run; one number never comes.
        'a-citer.md':
          '---\ntitle: Kế hoạch\nrelations: [{ type: implements, target: 01/2020/QĐ-UBND }, { type: cites, target: 99/2099/QĐ-UBND }]\n---\n\nThực hiện.\n',
        'b-cited.md': '---\ntitle: QĐ\nnumber: 01/2020/QĐ-UBND\n---\n\nQuyết định.\n',
      });
      // How many document files the folder holds, read as each step starts.
      const files: Record<string, number> = {};
      await ingest({
        inputDir: path.join(dir, 'input'),
        contentDir: content,
        defaultClassification: 'public',
        onStep: (step) => {
          files[step] = readdirSync(path.join(content, 'documents'), { recursive: true }).filter(
            (name) => String(name).endsWith('.md'),
          ).length;
        },
      });
      expect(files['writing the documents that cite later ones']).toBe(1);
      expect(files['joining copies to their documents']).toBe(2);
      const docs = await Array.fromAsync(readAllDocuments(content, () => undefined));
      const cited = docs.find((d) => d.meta.title === 'QĐ');
      const citer = docs.find((d) => d.meta.title === 'Kế hoạch');
      expect(citer?.meta.relations).toEqual([
        { type: 'implements', target: '01/2020/QĐ-UBND', id: cited?.meta.id },
        { type: 'cites', target: '99/2099/QĐ-UBND' },
      ]);
    } finally {
      await cleanup();
    }
  });
});

describe('a document that comes to share a cited number', () => {
  it(
    'leaves the citing document as it was when the citation still leads to the same document',
    { timeout: 60_000 },
    async () => {
      const { dir, cleanup } = await tempDir();
      try {
        await ingestFolder(dir, 'first', {
          'hanoi.md':
            '---\ntitle: QĐ Hà Nội\nnumber: 01/2020/QĐ-UBND\nissuer: UBND Hà Nội\nissued: 2020-06-01\n---\n\nHà Nội.\n',
          'citer.md':
            '---\ntitle: Kế hoạch Hà Nội\nissuer: UBND Hà Nội\nrelations: [{ type: implements, target: 01/2020/QĐ-UBND }]\n---\n\nThực hiện.\n',
        });
        // Huế's decision has the same number; the citer's own issuer's still comes first.
        const report = await ingestFolder(dir, 'second', {
          'hue.md':
            '---\ntitle: QĐ Huế\nnumber: 01/2020/QĐ-UBND\nissuer: UBND Huế\nissued: 2020-03-01\n---\n\nHuế.\n',
        });
        expect(report.changed).toBe(1);
        const docs = new Map<string, ArchiveDocument>();
        for await (const { meta } of readAllDocuments(path.join(dir, 'content'), () => undefined))
          docs.set(meta.title, meta);
        expect([...ArchiveCatalog.writtenByLastRun(path.join(dir, 'content'))]).toEqual([
          docs.get('QĐ Huế')?.id,
        ]);
        expect(docs.get('Kế hoạch Hà Nội')?.relations[0]?.id).toBe(docs.get('QĐ Hà Nội')?.id);
      } finally {
        await cleanup();
      }
    },
  );
});

describe('a cited document whose number changes', () => {
  it('leaves its citers unresolved, and counts them as changed', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const decision = (number: string) =>
        `---\ntitle: QĐ Huế\nnumber: ${number}\nissuer: UBND Huế\n---\n\nHuế.\n`;
      await ingestFolder(dir, 'input', {
        'hue.md': decision('01/2020/QĐ-UBND'),
        'citer.md':
          '---\ntitle: Kế hoạch\nrelations: [{ type: implements, target: 01/2020/QĐ-UBND }]\n---\n\nThực hiện.\n',
      });
      // The same file, corrected: the number the plan cites is no longer there.
      await fs.rm(path.join(dir, 'input'), { recursive: true });
      const report = await ingestFolder(dir, 'input', { 'hue.md': decision('02/2020/QĐ-UBND') });
      const docs = new Map<string, ArchiveDocument>();
      for await (const { meta } of readAllDocuments(path.join(dir, 'content'), () => undefined))
        docs.set(meta.title, meta);
      expect(docs.get('Kế hoạch')?.relations[0]).not.toHaveProperty('id');
      expect(report.changed).toBe(2);
      expect([...ArchiveCatalog.writtenByLastRun(path.join(dir, 'content'))].sort()).toEqual(
        [docs.get('QĐ Huế')?.id, docs.get('Kế hoạch')?.id].sort(),
      );
    } finally {
      await cleanup();
    }
  });
});

describe('a catalog from before counts were left out', () => {
  it('loses its count column and goes on', { timeout: 60_000 }, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const content = path.join(dir, 'content');
      await ingestFolder(dir, 'first', {
        'hanoi.md': '---\ntitle: QĐ Hà Nội\nnumber: 01/2020/QĐ-UBND\n---\n\nHà Nội.\n',
      });
      // The table as versions before 2026-11-30 made it.
      const old = new DatabaseSync(catalogFile(content));
      old.exec(
        'DROP TABLE cites; CREATE TABLE cites (target_key TEXT NOT NULL, id TEXT NOT NULL, resolved TEXT, candidates INTEGER NOT NULL, PRIMARY KEY (target_key, id));',
      );
      old.close();
      const report = await ingestFolder(dir, 'second', {
        'citer.md':
          '---\ntitle: Kế hoạch\nrelations: [{ type: implements, target: 01/2020/QĐ-UBND }]\n---\n\nThực hiện.\n',
      });
      expect(report.counts).toMatchObject({ ingested: 1, rejected: 0 });
      const db = new DatabaseSync(catalogFile(content));
      const columns = db
        .prepare('PRAGMA table_info(cites)')
        .all()
        .map((c) => c['name']);
      const cites = db.prepare('SELECT COUNT(*) AS n FROM cites').get();
      db.close();
      expect(columns).toEqual(['target_key', 'id', 'resolved']);
      expect(cites?.['n']).toBe(1);
    } finally {
      await cleanup();
    }
  });
});
