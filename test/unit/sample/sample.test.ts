import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllDocuments, type StoredDocument } from '../../../src/content/store.ts';
import { drawSample, generateArchive } from '../../../src/sample/generate.ts';
import { photoVariant, renderSample } from '../../../src/sample/formats.ts';
import { CLASSIFICATIONS, yearOf } from '../../../src/schema/document.ts';
import { REPO_ROOT, tempDir } from '../../helpers/temp.ts';

async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries
    .filter((e) => e.isFile())
    .sort((a, b) =>
      path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)),
    )) {
    const file = path.join(entry.parentPath, entry.name);
    hash.update(path.relative(dir, file)).update(await fs.readFile(file));
  }
  return hash.digest('hex');
}

describe('the sample generator', () => {
  it('writes the same files for the same seed, and other files for another seed', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await generateArchive({ outDir: path.join(dir, 'a'), docs: 60, seed: 7 });
      await generateArchive({ outDir: path.join(dir, 'b'), docs: 60, seed: 7 });
      await generateArchive({ outDir: path.join(dir, 'c'), docs: 60, seed: 8 });
      const [a, b, c] = await Promise.all(
        ['a', 'b', 'c'].map((name) => treeHash(path.join(dir, name))),
      );
      expect(a).toBe(b);
      expect(a).not.toBe(c);
    } finally {
      await cleanup();
    }
  });
});

describe('the photographs of the sample', () => {
  it('repeat every 3,600 documents, byte for byte: the plain anchor leaves such copies out', async () => {
    const drawn = [...drawSample(200)].find((d) => d.format === 'jpg');
    if (!drawn) throw new Error('no photograph among the first 200 documents');
    const bytes = async (seed: number) => {
      const files = await renderSample({ ...drawn.doc, seed }, 'jpg', 'photo');
      return Buffer.from(files[0]?.data ?? '').toString('base64');
    };
    const seed = drawn.doc.seed;
    expect(await bytes(seed + 3600)).toBe(await bytes(seed));
    expect(await bytes(seed + 1)).not.toBe(await bytes(seed));
    expect(photoVariant(seed + 3600)).toBe(photoVariant(seed));
  });
});

describe('the bundled sample archive (content/)', () => {
  it('is varied enough to try every part of the portal', async () => {
    const docs: StoredDocument[] = [];
    for await (const doc of readAllDocuments(path.join(REPO_ROOT, 'content'), (file, error) => {
      throw new Error(`${file}: ${error.message}`);
    })) {
      docs.push(doc);
    }
    const distinct = (values: (string | number | undefined)[]) =>
      new Set(values.filter((v) => v !== undefined));
    expect(docs.length).toBeGreaterThanOrEqual(150);
    expect(distinct(docs.map((d) => d.meta.type)).size).toBeGreaterThanOrEqual(8);
    expect(distinct(docs.map((d) => d.meta.issuer)).size).toBeGreaterThanOrEqual(6);
    expect(distinct(docs.map((d) => yearOf(d.meta))).size).toBeGreaterThanOrEqual(15);
    expect(distinct(docs.map((d) => d.meta.language))).toEqual(new Set(['vi', 'en', 'hi']));
    expect(distinct(docs.map((d) => d.meta.classification))).toEqual(new Set(CLASSIFICATIONS));
    const publicCount = docs.filter((d) => d.meta.classification === 'public').length;
    expect(publicCount).toBeGreaterThan(docs.length / 2);
    expect(publicCount).toBeGreaterThanOrEqual(100);
    // Numbered documents cite each other, and the citations resolve to documents that exist.
    const ids = new Set(docs.map((d) => d.meta.id));
    const resolved = docs.flatMap((d) => d.meta.relations.filter((r) => r.id));
    expect(resolved.length).toBeGreaterThanOrEqual(30);
    for (const relation of resolved) expect(ids.has(relation.id as string)).toBe(true);
    expect(distinct(resolved.map((r) => r.type)).size).toBeGreaterThanOrEqual(3);
  });
});
