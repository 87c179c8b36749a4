import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvStream } from '../../../src/search/csv.ts';

const row = (title: string) => ({
  id: '57-nq-tw-0d95ad6a22',
  number: '57-NQ/TW',
  title,
  type: 'resolution',
  issuer: 'Bộ Chính trị',
  issued: '2024-12-22',
  status: 'in-force',
  language: 'vi',
  classification: 'public',
  url: 'https://vankho.example/documents/57-nq-tw-0d95ad6a22',
});

async function* rows(titles: string[]) {
  for (const title of titles) {
    await Promise.resolve();
    yield row(title);
  }
}

describe('search results as CSV', () => {
  it('writes a BOM, a header and each row, quoting what needs it and defusing formulas', async () => {
    const titles = ['Nghị quyết "đột phá", khoa học', '=HYPERLINK("http://x")', 'Dòng\nhai'];
    const bytes = new Uint8Array(await new Response(csvStream(rows(titles))).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder reads the byte-order mark and leaves it out.
    const records = parse<Record<string, string>>(new TextDecoder().decode(bytes), {
      columns: true,
    });
    expect(Object.keys(records[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(records.map((record) => record['title'])).toEqual([
      'Nghị quyết "đột phá", khoa học',
      `'=HYPERLINK("http://x")`,
      'Dòng\nhai',
    ]);
    expect(records[0]?.['issuer']).toBe('Bộ Chính trị');
  });

  it('writes only the header for no results', async () => {
    const text = await new Response(csvStream(rows([]))).text();
    expect(text).toBe(`${CSV_COLUMNS.join(',')}\n`);
  });
});
