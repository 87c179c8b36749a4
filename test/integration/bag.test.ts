/**
 * `npm run bag` on the canary archive, through the real CLI and a real
 * Meilisearch: bags that an independent validator (RFC 8493) accepts, hold
 * nothing above their clearance, and fail validation once a byte is flipped.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAllDocuments } from '../../src/content/store.ts';
import { validateBag } from '../helpers/bagit.ts';
import { buildCanaryArchive, type CanaryArchive } from '../helpers/canaries.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const exec = promisify(execFile);
let work: Awaited<ReturnType<typeof tempDir>>;
let archive: CanaryArchive;
let dataDir: string;

beforeAll(async () => {
  work = await tempDir('vankho-bag-');
  dataDir = path.join(work.dir, 'data');
  archive = await buildCanaryArchive(work.dir, dataDir);
}, 240_000);
afterAll(() => work.cleanup());

function bag(...args: string[]) {
  return runCli('bag.ts', ['--content-dir', archive.contentDir, ...args], { DATA_DIR: dataDir });
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(file);
    else yield file;
  }
}

async function publicIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const { meta } of readAllDocuments(archive.contentDir, () => undefined)) {
    if (meta.classification === 'public') ids.push(meta.id);
  }
  return ids.sort();
}

describe('npm run bag', () => {
  it('bags every public document by default: valid, and nothing classified in any file', async () => {
    const out = path.join(work.dir, 'bag-public');
    const { code, stdout } = await bag('--out', out, '--source-organization', 'Cục Văn thư');
    expect(code).toBe(0);
    expect(await validateBag(out)).toEqual([]);
    const ids = await publicIds();
    expect(stdout).toContain(`Bagged ${String(ids.length)} documents`);
    expect((await fs.readdir(path.join(out, 'data'))).sort()).toEqual(ids);
    const hidden = archive.canaries.filter((canary) => canary.level !== 'public');
    const leaks: string[] = [];
    for await (const file of filesUnder(out)) {
      const text = await fs.readFile(file, 'utf8');
      for (const canary of hidden) {
        for (const marker of canary.markers) {
          if (text.includes(marker) || file.includes(marker)) leaks.push(`${file}: ${marker}`);
        }
      }
      if (text.includes('kanarycopy') || file.includes('kanarycopy'))
        leaks.push(`${file}: copy folder`);
    }
    expect(leaks).toEqual([]);
    const info = await fs.readFile(path.join(out, 'bag-info.txt'), 'utf8');
    expect(info).toMatch(/^Source-Organization: Cục Văn thư$/m);
    expect(info).toMatch(/^Bagging-Date: \d{4}-\d{2}-\d{2}$/m);
    expect(info).toMatch(/^Van-Kho-Clearance: public$/m);
    // Each document: its originals as received (same checksum), its text and its metadata.
    const target = archive.targetId;
    const files = (await fs.readdir(path.join(out, 'data', target))).sort();
    expect(files).toEqual(['dublin-core.xml', `${target}.md`, 'metadata.json', 'originals'].sort());
    const meta = JSON.parse(
      await fs.readFile(path.join(out, 'data', target, 'metadata.json'), 'utf8'),
    ) as { sources: { sha256: string; path: string }[] };
    const manifest = await fs.readFile(path.join(out, 'manifest-sha256.txt'), 'utf8');
    for (const source of meta.sources) {
      expect(manifest).toContain(
        `${source.sha256}  data/${target}/originals/${path.posix.basename(source.path)}`,
      );
    }
    const dcFile = path.join(out, 'data', target, 'dublin-core.xml');
    expect(await fs.readFile(dcFile, 'utf8')).toContain('<dc:identifier>901-NQ/TW</dc:identifier>');
    const schema = path.join(REPO_ROOT, 'test', 'fixtures', 'oai-pmh', 'oai_dc.xsd');
    const checked = await exec('xmllint', ['--noout', '--schema', schema, dcFile]);
    expect(checked.stderr.trim()).toBe(`${dcFile} validates`);
    // Handing records out is in the audit trail.
    const audit = await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8');
    expect(audit).toMatch(/"event":"bag".*"outcome":"created".*"clearance":"public".*"count":\d+/);
  });

  it('bags a search at a clearance: what the clearance may see, nothing above it', async () => {
    const secret = archive.canaries.find((canary) => canary.level === 'secret');
    const above = archive.canaries.find((canary) => canary.level === 'top-secret');
    const out = path.join(work.dir, 'bag-secret');
    const { code } = await bag(
      '--out',
      out,
      '--clearance',
      'secret',
      '--classification',
      'secret',
      '--classification',
      'top-secret',
    );
    expect(code).toBe(0);
    expect(await validateBag(out)).toEqual([]);
    const ids = await fs.readdir(path.join(out, 'data'));
    expect(ids).toContain(secret?.id);
    expect(ids).not.toContain(above?.id);
    for await (const file of filesUnder(out)) {
      const text = await fs.readFile(file, 'utf8');
      for (const marker of above?.markers ?? []) expect(text, file).not.toContain(marker);
    }
  });

  it('is caught by the validator when a byte is flipped or a file slipped in', async () => {
    const out = path.join(work.dir, 'bag-tampered');
    expect((await bag('--out', out, '--q', 'công khai')).code).toBe(0);
    expect(await validateBag(out)).toEqual([]);
    const victim = path.join(out, 'data', archive.targetId, `${archive.targetId}.md`);
    const bytes = await fs.readFile(victim);
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    await fs.writeFile(victim, bytes);
    await fs.writeFile(path.join(out, 'data', 'extra.txt'), 'slipped in');
    const problems = await validateBag(out);
    expect(problems).toContain(
      `manifest-sha256.txt: data/${archive.targetId}/${archive.targetId}.md does not match its checksum`,
    );
    expect(problems).toContain(
      'manifest-sha256.txt: data/extra.txt is in data/ but not in the manifest',
    );
    expect(problems.some((problem) => problem.startsWith('bag-info.txt: Payload-Oxum'))).toBe(true);
  });

  it('refuses a folder that holds something, and a clearance it does not know, naming them', async () => {
    const used = path.join(work.dir, 'bag-public');
    const refused = await bag('--out', used);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${used} is not empty`);
    const wrong = await bag('--out', path.join(work.dir, 'bag-x'), '--clearance', 'cosmic');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--clearance: expected one of public');
    const badDate = await bag('--out', path.join(work.dir, 'bag-y'), '--issued-from', '31/02/2020');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('issuedFrom');
    await expect(fs.stat(path.join(work.dir, 'bag-x'))).rejects.toThrow();
  });
});
