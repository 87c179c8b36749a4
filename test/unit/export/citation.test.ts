import { Cite } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { citationText, formatCitation, type CitedDocument } from '../../../src/export/citation.ts';

const doc: CitedDocument = {
  id: '57-nq-tw-0d95ad6a22',
  title: 'Nghị quyết về đột phá phát triển khoa học, công nghệ',
  type: 'resolution',
  language: 'vi',
  number: '57-NQ/TW',
  issuer: 'Bộ Chính trị',
  issued: '2024-12-22',
  summary: undefined,
};
const context = {
  url: 'https://vankho.example/documents/57-nq-tw-0d95ad6a22',
  publisher: 'Văn khố',
  accessed: new Date('2026-11-29T10:00:00Z'),
};

describe('citations', () => {
  it('writes BibLaTeX that keeps the number, the issuer as one name, and Vietnamese as it is', () => {
    const bib = formatCitation(doc, 'bibtex', context);
    expect(bib).toMatch(/^@legislation\{57nqtw0d95ad6a22,$/m);
    expect(bib).toContain('number = {57-NQ/TW}');
    expect(bib).toContain('author = {{Bộ Chính trị}}');
    expect(bib).toContain('date = {2024-12-22}');
    expect(bib).toContain('title = {Nghị quyết về đột phá phát triển khoa học, công nghệ}');
    expect(bib).toContain(`url = {${context.url}}`);
    expect(bib).toContain('urldate = {2026-11-29}');
    // A reader of BibTeX gets the same title and date back.
    const [back] = new Cite(bib).data as { title: string; issued: unknown }[];
    expect(back?.title).toBe(doc.title);
    expect(back?.issued).toEqual({ 'date-parts': [[2024, 12, 22]] });
  });

  it('writes RIS as a legal item with its number', () => {
    const ris = formatCitation(doc, 'ris', context).split('\n');
    expect(ris[0]).toBe('TY  - LEGAL');
    expect(ris).toContain('SN  - 57-NQ/TW');
    expect(ris).toContain('AU  - Bộ Chính trị');
    expect(ris).toContain(`UR  - ${context.url}`);
    expect(ris.at(-2)).toMatch(/^ER {2}- ?$/);
  });

  it('writes CSL-JSON with the type by kind of document', () => {
    const [item] = JSON.parse(formatCitation(doc, 'csl-json', context)) as Record<
      string,
      unknown
    >[];
    expect(item).toMatchObject({
      id: doc.id,
      type: 'legislation',
      number: '57-NQ/TW',
      author: [{ literal: 'Bộ Chính trị' }],
      issued: { 'date-parts': [[2024, 12, 22]] },
      URL: context.url,
      language: 'vi',
    });
    const report = JSON.parse(
      formatCitation(
        { ...doc, type: 'report', number: undefined, issued: undefined },
        'csl-json',
        context,
      ),
    ) as Record<string, unknown>[];
    expect(report[0]).toMatchObject({ type: 'report' });
    expect(report[0]).not.toHaveProperty('number');
    expect(report[0]).not.toHaveProperty('issued');
  });

  it('says the citation as text with the absolute permalink', () => {
    expect(citationText(doc, context)).toBe(
      'Bộ Chính trị, Nghị quyết về đột phá phát triển khoa học, công nghệ (57-NQ/TW), 2024-12-22. Văn khố, https://vankho.example/documents/57-nq-tw-0d95ad6a22',
    );
  });
});
