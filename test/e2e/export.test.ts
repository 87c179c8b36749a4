/**
 * The offline edition of the canary archive: public documents only in every
 * file it writes, Pagefind's gzip files decompressed, and searchable in a
 * browser from a plain static file server.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCanaryArchive, type CanaryArchive } from '../helpers/canaries.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serveStatic } from '../../src/bench/static-server.ts';
import { holdLaterBundles, LATER_BUNDLES, measureFirstSearch } from '../../src/bench/edition.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';

const exec = promisify(execFile);
let work: { dir: string; cleanup: () => Promise<void> };
let archive: CanaryArchive;
let out: string;
let output: string;

beforeAll(async () => {
  work = await tempDir('vankho-export-');
  archive = await buildCanaryArchive(work.dir, path.join(work.dir, 'data'));
  out = path.join(work.dir, 'edition');
  // One page per Pagefind index: the sharded edition, merged in the browser, is what gets searched.
  ({ stdout: output } = await runExport(out, '--pages-per-index', '1'));
});
afterAll(() => work.cleanup());

function runExport(target: string, ...extra: string[]) {
  return exec(
    process.execPath,
    [
      path.join(REPO_ROOT, 'scripts', 'export.ts'),
      '--out',
      target,
      '--content-dir',
      archive.contentDir,
      ...extra,
    ],
    { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] } },
  );
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(file);
    else yield file;
  }
}

/** A file's text; gzip (Pagefind's index, fragments and filters) is decompressed first. */
async function readable(file: string): Promise<string> {
  const bytes = await fs.readFile(file);
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return plain.toString('utf8');
}

describe('npm run export', () => {
  it('writes public documents only, in every file including Pagefind’s', async () => {
    expect(output).toMatch(/Exported 4 public documents/);
    const bundles = (await fs.readdir(out)).filter((name) => name.startsWith('pagefind'));
    expect(bundles.length).toBeGreaterThan(1);
    const hidden = archive.canaries.filter((canary) => canary.level !== 'public');
    const leaks: string[] = [];
    let decompressed = 0;
    let all = '';
    for await (const file of filesUnder(out)) {
      const text = await readable(file);
      if (file.includes(`${path.sep}pagefind${path.sep}`) && text.includes('pagefind_dcd')) {
        decompressed++;
      }
      all += text;
      for (const canary of hidden) {
        for (const marker of canary.markers) {
          if (text.includes(marker) || file.includes(marker)) {
            leaks.push(`${path.relative(out, file)} shows ${marker}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(decompressed).toBeGreaterThan(2);
    const open = archive.canaries.find((canary) => canary.level === 'public');
    // The public canary's body word is in the (decompressed) search index.
    expect(all).toContain(open?.markers[7]);
    const dirs = await fs.readdir(path.join(out, 'documents'));
    expect(dirs.sort()).toEqual([archive.targetId, archive.noteId, open?.id, open?.imageId].sort());
    // The public note is there, without the paths of its copies filed at higher levels.
    expect(all).toContain('note.txt');
  });

  it('refuses a folder that holds something else, and replaces an earlier edition', async () => {
    const other = path.join(work.dir, 'other');
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, 'keep.txt'), 'not an edition');
    const refused = await runExport(other).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(
      /is not empty and holds no earlier edition/,
    );
    expect(await fs.readFile(path.join(other, 'keep.txt'), 'utf8')).toBe('not an edition');
    await runExport(out, '--pages-per-index', '1');
    expect((await fs.readdir(work.dir)).filter((name) => name.startsWith('edition'))).toEqual([
      'edition',
    ]);
  });

  it('holds a part of a large archive: a span of years or some types, refusing more than it may hold', async () => {
    const refused = await runExport(path.join(work.dir, 'too-many'), '--max-documents', '3').catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(
      /4 public documents would go into the edition, which holds at most 3: choose a part with --from-year/,
    );
    await expect(fs.stat(path.join(work.dir, 'too-many'))).rejects.toThrow();

    const recent = path.join(work.dir, 'edition-2026');
    const { stdout } = await runExport(recent, '--from-year', '2026', '--to-year', '2026');
    expect(stdout).toMatch(/Exported 2 public documents/);
    const open = archive.canaries.find((canary) => canary.level === 'public');
    expect((await fs.readdir(path.join(recent, 'documents'))).sort()).toEqual(
      [open?.id, open?.imageId].sort(),
    );
    // The 2020 resolution it cites is not in this edition: the citation is text, not a broken link.
    const page = await fs.readFile(
      path.join(recent, 'documents', open?.id ?? '', 'index.html'),
      'utf8',
    );
    expect(page).toContain('Căn cứ Nghị quyết số');
    expect(page).not.toContain(`documents/${archive.targetId}`);
    // Its home page says which part of the archive it holds.
    expect(await fs.readFile(path.join(recent, 'index.html'), 'utf8')).toContain(
      'Bản này chỉ gồm một phần của kho: ban hành 2026–2026.',
    );

    const images = path.join(work.dir, 'edition-images');
    await runExport(images, '--type', 'image');
    expect(await fs.readdir(path.join(images, 'documents'))).toEqual([open?.imageId]);
    expect(await fs.readFile(path.join(images, 'index.html'), 'utf8')).toMatch(
      /một phần của kho: Hình ảnh\./,
    );

    for (const [args, message] of [
      [['--type', 'poster'], /--type: unknown "poster"; expected one of resolution, decision/],
      [['--from-year', '20x6'], /--from-year: expected a year of four digits, got "20x6"/],
      [['--from-year', '2027', '--to-year', '2020'], /--from-year 2027 is after --to-year 2020/],
    ] as const) {
      const error = await runExport(path.join(work.dir, 'bad'), ...args).catch(
        (e: unknown) => e as { code: number; stderr: string },
      );
      expect(error).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
    }
  });

  it('is searchable in a browser from a plain static file server', async () => {
    const server = await serveStatic(out);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/search/`);
      const open = archive.canaries.find((canary) => canary.level === 'public');
      await page.locator('#search-input').fill(open?.word ?? '');
      // Other shards answer an unknown word with prefix matches; the exact one is among the results.
      const result = page.locator(`#search-results a[href="/documents/${open?.id ?? ''}/"]`);
      await result.waitFor({ timeout: 15_000 });
      await result.click();
      await page.waitForURL(/\/documents\//);
      expect(await page.locator('h1').innerText()).toMatch(/KanaryTitlePublicXq/);
      // The two public canaries sit in different shards: one query finds both.
      expect(open?.id.at(-1)).not.toBe(open?.imageId.at(-1));
      await page.goto(`${server.url}/search/`);
      await page.locator('#search-input').fill('kanary');
      await expect
        .poll(() => page.locator('#search-results a').allInnerTexts(), { timeout: 15_000 })
        .toEqual(
          expect.arrayContaining([
            expect.stringMatching(/KanaryTitlePublicXq/),
            expect.stringMatching(/KanaryImagePublicXq/),
          ]),
        );
      // A word only a secret document has finds no secret document. (Pagefind falls back to
      // shorter prefixes of an unknown word, so public documents may come up.)
      await page.goto(`${server.url}/search/`);
      const secret = archive.canaries.find((canary) => canary.level === 'secret');
      await page.locator('#search-input').fill(secret?.word ?? '');
      await expect
        .poll(() => page.locator('#search-status').innerText(), { timeout: 15_000 })
        .toMatch(/kết quả|Không tìm thấy/);
      const titles = await page.locator('#search-results a').allInnerTexts();
      expect(titles.filter((title) => /Secret|Confidential|Internal/.test(title))).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('shows the first bundle’s results first, marked as such, then ranks them again over every bundle', async () => {
    // A page of the first bundle, read from its fragment, and a word of its title.
    const fragments = path.join(out, 'pagefind', 'fragment');
    const [name] = await fs.readdir(fragments);
    const text = await readable(path.join(fragments, name ?? ''));
    const fragment = JSON.parse(text.replace(/^pagefind_dcd/, '')) as {
      url: string;
      meta: { title: string };
    };
    const word = fragment.meta.title.split(/\s+/).find((w) => w.length >= 4) ?? '';
    expect(word).not.toBe('');
    const server = await serveStatic(out);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const { held, release } = await holdLaterBundles(page);
      await page.goto(`${server.url}/search/`);
      await page.locator('#search-input').fill(word);
      await page.locator(`#search-results a[href="${fragment.url}"]`).waitFor({ timeout: 15_000 });
      expect(await page.locator('#search-results').getAttribute('aria-busy')).toBe('true');
      expect(await page.locator('#search-status').innerText()).toMatch(/^Kết quả đầu tiên/);
      // The other bundles are asked only after the first results are shown.
      await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(server.traffic().paths.filter((p) => LATER_BUNDLES.test(p))).toEqual([]);
      await release();
      await page
        .locator('#search-results[aria-busy="false"]')
        .waitFor({ state: 'attached', timeout: 15_000 });
      expect(await page.locator('#search-status').innerText()).toMatch(/^\d+ kết quả$/);
      expect(server.traffic().paths.some((p) => LATER_BUNDLES.test(p))).toBe(true);
      expect(await page.locator(`#search-results a[href="${fragment.url}"]`).count()).toBe(1);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('answers a first search with Pagefind’s script packed and without its web worker, every byte counted at the server', async () => {
    const open = archive.canaries.find((canary) => canary.level === 'public');
    const first = await measureFirstSearch(out, open?.word ?? '');
    // Pagefind's script comes packed (13 KB instead of 47), and is not fetched as written too.
    expect(first.paths).toContain('/assets/pagefind.js.packed');
    expect(first.paths).not.toContain('/pagefind/pagefind.js');
    expect(first.paths.some((p) => p.endsWith('.pf_meta'))).toBe(true);
    // The worker's script repeats Pagefind's own (43 KB), and Chromium's figures for the page left it out.
    expect(first.paths).not.toContain('/pagefind/pagefind-worker.js');
    // The icon is in the page: no request for /favicon.ico.
    expect(first.paths.filter((p) => p.includes('favicon'))).toEqual([]);
    const sizes = await Promise.all(
      first.paths.map((p) =>
        fs.stat(path.join(out, p.endsWith('/') ? `${p}index.html` : p)).then(
          (stat) => stat.size,
          () => 0,
        ),
      ),
    );
    const files = sizes.reduce((sum, size) => sum + size, 0);
    expect(first.requests).toBe(first.paths.length);
    // The whole edition's ranking asks the other bundles too, after the first results.
    expect(first.complete.requests).toBeGreaterThanOrEqual(first.requests);
    expect(first.complete.paths.some((p) => LATER_BUNDLES.test(p))).toBe(true);
    // Every file whole, and no more than its headers besides.
    expect(first.bytes).toBeGreaterThanOrEqual(files);
    expect(first.bytes).toBeLessThan(files + 400 * first.requests);
  });
});
