/**
 * A very long document (3 MB of text) is read a part at a time: its page and
 * API record take bounded memory and time, and searches meanwhile still answer.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDocument } from '../../src/content/store.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir } from '../helpers/temp.ts';

let portal: PortalProcess;
let work: { dir: string; cleanup: () => Promise<void> };
const ID = 'bao-cao-dai-0000000001';

beforeAll(async () => {
  work = await tempDir('vankho-long-');
  const content = path.join(work.dir, 'content');
  const chapters: string[] = [];
  for (let i = 1; chapters.join('').length < 3 * 1024 * 1024; i++) {
    const paragraph =
      `Đoạn ${String(i)} của báo cáo về công tác lưu trữ, chỉnh lý và số hóa tài liệu. `.repeat(20);
    chapters.push(
      `## Mục ${String(i)}\n\n${paragraph}\n\n${i === 900 ? 'Từ khóa quokkadeep nằm sâu trong văn bản.\n\n' : ''}`,
    );
  }
  await writeDocument(content, {
    meta: {
      id: ID,
      title: 'Báo cáo rất dài',
      type: 'report',
      status: 'unknown',
      language: 'vi',
      classification: 'public',
      subjects: [],
      relations: [],
      inputHash: 'x',
      sources: [
        {
          path: 'bao-cao-dai.md',
          sha256: '0'.repeat(64),
          size: 1,
          format: 'md',
          ingestedAt: '2026-11-29T00:00:00.000Z',
        },
      ],
    },
    body: chapters.join(''),
  });
  portal = await startPortalProcess({
    DATA_DIR: path.join(work.dir, 'data'),
    CONTENT_DIR: content,
  });
});
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

async function rssMb(): Promise<number> {
  const status = await fs.readFile(`/proc/${String(portal.child.pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

describe('a 3 MB document', () => {
  it('is shown a part at a time, in bounded memory and time, while searches still answer', async () => {
    const before = await rssMb();
    const started = performance.now();
    const [page, search] = await Promise.all([
      fetch(`${portal.url}/documents/${ID}`),
      (async () => {
        const t0 = performance.now();
        const response = await fetch(`${portal.url}/api/search?q=l%C6%B0u%20tr%E1%BB%AF`);
        return { status: response.status, ms: performance.now() - t0 };
      })(),
    ]);
    const html = await page.text();
    const pageMs = performance.now() - started;
    expect(page.status).toBe(200);
    expect(search.status).toBe(200);
    const count = Number(/Phần 1 \/ (\d+)/.exec(html)?.[1]);
    expect(count).toBeGreaterThan(10);
    expect(html.length).toBeLessThan(1024 * 1024);
    expect(html).toContain('rel="next"');
    const grown = (await rssMb()) - before;
    console.log(
      `page ${pageMs.toFixed(0)} ms, search ${search.ms.toFixed(0)} ms, server +${grown.toFixed(0)} MB, ${String(count)} parts`,
    );
    // Whole, the page took seconds and gigabytes; a part takes a fraction of both.
    expect(grown).toBeLessThan(100);
    expect(pageMs).toBeLessThan(5000);
  });

  it('links a hit deep inside to its part, and serves that part and its API record', async () => {
    const found = (await (await fetch(`${portal.url}/api/search?q=quokkadeep`)).json()) as {
      hits: { url: string }[];
    };
    const url = found.hits[0]?.url ?? '';
    expect(url).toMatch(new RegExp(`^/documents/${ID}\\?part=\\d+#muc-\\d+$`));
    const part = await fetch(`${portal.url}${url}`);
    expect(part.status).toBe(200);
    expect(await part.text()).toContain('quokkadeep');
    const number = Number(/part=(\d+)/.exec(url)?.[1]);
    const api = await fetch(`${portal.url}/api/documents/${ID}?part=${String(number)}`);
    const record = (await api.json()) as {
      part: { number: number; count: number };
      sections: { anchor: string }[];
    };
    expect(record.part.number).toBe(number);
    expect(record.sections.map((s) => s.anchor)).toContain('muc-900');
    expect(record.sections.map((s) => s.anchor)).toContain(url.split('#')[1]);
    expect((await fetch(`${portal.url}/api/documents/${ID}?part=99999`)).status).toBe(404);
    expect((await fetch(`${portal.url}/api/documents/${ID}?part=0x2`)).status).toBe(400);
  });
});
