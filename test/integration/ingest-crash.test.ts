/**
 * Ingest killed with SIGKILL (its whole process group) at random moments, then
 * run to the end: every input is in exactly one document, no partial or
 * temporary file is left, every citation whose target exists is resolved,
 * fixity is clean and the index holds exactly the documents of the folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFixity, fixityProblems } from '../../src/content/fixity.ts';
import { readAllDocuments } from '../../src/content/store.ts';
import { liveIndexName } from '../../src/meili/client.ts';
import { generateArchive } from '../../src/sample/generate.ts';
import { numberKey } from '../../src/schema/number.ts';
import { startTestMeili, type TestMeili } from '../helpers/meili.ts';
import { REPO_ROOT } from '../helpers/temp.ts';

let meili: TestMeili;
let input: string;
let content: string;

beforeAll(async () => {
  // The test holds the data folder's Meilisearch: each ingest joins it, so killing one never stops it.
  meili = await startTestMeili();
  input = path.join(meili.dataDir, 'input');
  content = path.join(meili.dataDir, 'content');
  await generateArchive({ outDir: input, docs: 240, seed: 7 });
});
afterAll(() => meili.close());

/** Runs ingest in its own process group; kills the group after `killAfterMs` when given. */
function runIngest(killAfterMs?: number): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'scripts', 'ingest.ts'),
      input,
      '--content-dir',
      content,
      '--report',
      path.join(meili.dataDir, 'report.json'),
    ],
    {
      env: { PATH: process.env['PATH'], DATA_DIR: meili.dataDir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer =
    killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          try {
            process.kill(-(child.pid ?? 0), 'SIGKILL');
          } catch {
            // It had finished already.
          }
        }, killAfterMs);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(file);
    else yield file;
  }
}

describe('ingest killed at random moments', () => {
  it('ends with every input once, no partial file, every link resolved, fixity clean and the index equal to the content', async () => {
    // A fixed sequence of moments, spread over the whole run (reading, writing, linking, indexing).
    let seed = 20261129;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const kills: number[] = [];
    for (let i = 0; i < 12; i++) {
      const after = Math.round(300 + random() * 5000);
      const { code } = await runIngest(after);
      kills.push(code === null ? after : -after);
    }
    // Most runs must really have been killed, not finished.
    expect(kills.filter((k) => k > 0).length).toBeGreaterThanOrEqual(10);

    const last = await runIngest();
    expect(last.code, last.output).toBe(0);

    const sources = new Map<string, string[]>();
    const byKey = new Map<string, string[]>();
    const docs = [];
    const invalid: string[] = [];
    for await (const { meta } of readAllDocuments(content, (file) => invalid.push(file))) {
      docs.push(meta);
      for (const source of meta.sources)
        sources.set(source.path, [...(sources.get(source.path) ?? []), meta.id]);
      if (meta.number)
        byKey.set(numberKey(meta.number), [...(byKey.get(numberKey(meta.number)) ?? []), meta.id]);
    }
    expect(invalid).toEqual([]);

    // Every input once: each file of the input is the source of exactly one document (or rejected).
    const report = JSON.parse(
      await fs.readFile(path.join(meili.dataDir, 'report.json'), 'utf8'),
    ) as {
      rejected: { source: string }[];
    };
    const rejected = new Set(report.rejected.map((r) => r.source));
    for await (const file of filesUnder(input)) {
      const relative = path.relative(input, file);
      if (/\.meta\.(ya?ml|json)$|(^|\/)manifest\.csv$/.test(relative) || rejected.has(relative))
        continue;
      expect(sources.get(relative), relative).toHaveLength(1);
    }

    // No partial file: nothing temporary is left anywhere in the content folder.
    const temporary: string[] = [];
    for await (const file of filesUnder(content)) if (file.endsWith('.tmp')) temporary.push(file);
    expect(temporary).toEqual([]);

    // Every resolvable link resolved.
    const unresolved = docs.flatMap((doc) =>
      doc.relations
        .filter((r) => !r.id && (byKey.get(numberKey(r.target)) ?? []).some((id) => id !== doc.id))
        .map((r) => `${doc.id} → ${r.target}`),
    );
    expect(unresolved).toEqual([]);
    const resolved = docs.reduce((sum, doc) => sum + doc.relations.filter((r) => r.id).length, 0);
    console.log(
      `killed after ${kills.map((k) => `${String(Math.abs(k))} ms${k < 0 ? ' (had finished)' : ''}`).join(', ')}; ` +
        `${String(docs.length)} documents, ${String(resolved)} links resolved, 0 unresolved with a target`,
    );
    expect(docs.some((doc) => doc.relations.some((r) => r.id))).toBe(true);

    expect(fixityProblems(await checkFixity(content, meili.dataDir))).toBe(0);

    // The index holds exactly the documents of the folder.
    const index = meili.client.index(liveIndexName('vankho'));
    const indexed = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const page = await index.getDocuments<{ docId: string }>({
        fields: ['docId'],
        offset,
        limit: 1000,
      });
      for (const record of page.results) indexed.add(record.docId);
      if (page.results.length < 1000) break;
    }
    expect([...indexed].sort()).toEqual(docs.map((d) => d.id).sort());
  }, 600_000);
});
