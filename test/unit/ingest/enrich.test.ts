import { describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import { enrich, findCitations } from '../../../src/ingest/enrich.ts';
import { detectLanguage, threeLetterCode } from '../../../src/schema/language.ts';
import { processFile } from '../../../src/ingest/process.ts';
import { udhrDeclaration } from '../../helpers/material.ts';
import { textToTree } from '../../../src/ingest/extract/text.ts';

const HEADER = `BỘ CHÍNH TRỊ
Số: 57-NQ/TW
Hà Nội, ngày 22 tháng 12 năm 2024

NGHỊ QUYẾT
Về đột phá phát triển khoa học, công nghệ

Thực hiện Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019; sửa đổi Quyết định số 12/QĐ-TTg; thay thế Chỉ thị số 16/CT-TTg; bãi bỏ Kết luận số 8-KL/TW; xem thêm Báo cáo số 3/BC-CP.`;

describe('enrich', () => {
  it('reads number, type, issuer, date, title and language from a Vietnamese header', () => {
    const result = enrich(textToTree(HEADER), {}, 'internal');
    expect(result).toMatchObject({
      number: '57-NQ/TW',
      type: 'resolution',
      issuer: 'Bộ chính trị',
      issued: '2024-12-22',
      title: 'Nghị quyết về đột phá phát triển khoa học, công nghệ',
      language: 'vi',
      classification: 'internal',
    });
  });

  it('reads the date of an English dateline, "Place, date", in the header', () => {
    const header = (dateline: string) =>
      textToTree(`NATIONAL ARCHIVES BOARD\nNo. 15/HD-NAB\n${dateline}\n\nGuideline on archives`);
    expect(enrich(header('Hanoi, 2015-02-07'), {}, 'internal').issued).toBe('2015-02-07');
    expect(enrich(header('New Delhi, 7 February 2015'), {}, 'internal').issued).toBe('2015-02-07');
    expect(enrich(header('Hanoi, February 7, 2015'), {}, 'internal').issued).toBe('2015-02-07');
    // Devanagari's vowel signs are marks, not letters.
    expect(enrich(header('नई दिल्ली, 2015-02-07'), {}, 'internal').issued).toBe('2015-02-07');
    // Not a day, or not a dateline (a date inside a sentence says nothing of the issue).
    expect(enrich(header('Hanoi, 2015-02-30'), {}, 'internal').issued).toBeUndefined();
    expect(
      enrich(header('We met in Hanoi, 2015-02-07, and agreed.'), {}, 'internal').issued,
    ).toBeUndefined();
  });

  it('lets given metadata win over the text', () => {
    const result = enrich(
      textToTree(HEADER),
      { issuer: 'Bộ Chính trị', type: 'other', issued: '2024-12-23' },
      'public',
    );
    expect(result).toMatchObject({
      issuer: 'Bộ Chính trị',
      type: 'other',
      issued: '2024-12-23',
      classification: 'public',
    });
  });

  it('types citations by the words before them', () => {
    expect(findCitations(HEADER, '57-NQ/TW')).toEqual([
      { type: 'implements', target: '52-NQ/TW' },
      { type: 'amends', target: '12/QĐ-TTg' },
      { type: 'replaces', target: '16/CT-TTg' },
      { type: 'repeals', target: '8-KL/TW' },
      { type: 'cites', target: '3/BC-CP' },
    ]);
  });

  it('does not cite itself, and keeps declared relations first', () => {
    const result = enrich(
      textToTree(HEADER),
      { relations: [{ type: 'cites', target: '52/NQ-TW' }] },
      'public',
    );
    expect(result.relations.map((r) => r.target)).toEqual([
      '52/NQ-TW',
      '12/QĐ-TTg',
      '16/CT-TTg',
      '8-KL/TW',
      '3/BC-CP',
    ]);
  });
});

describe('detectLanguage', () => {
  it('tells Vietnamese, Hindi and English apart', () => {
    expect(
      detectLanguage('Mọi người sinh ra đều được tự do và bình đẳng về nhân phẩm và quyền.'),
    ).toBe('vi');
    expect(detectLanguage('सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।')).toBe(
      'hi',
    );
    expect(detectLanguage('All human beings are born free and equal in dignity and rights.')).toBe(
      'en',
    );
    expect(detectLanguage('12345 -- 678')).toBe('und');
  });

  it('takes English with a foreign name in it as English, and German or Dutch as neither', () => {
    const english =
      'The committee of the province shall report to the ministry on the progress of the plan for the archives of Hà Nội, and it is to be sent by the end of the year with the list of files.';
    expect(detectLanguage(english)).toBe('en');
    const german =
      'Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen. Jeder hat Anspruch auf die in dieser Erklärung verkündeten Rechte und Freiheiten.';
    expect(detectLanguage(german)).toBe('de');
    const dutch =
      'Alle mensen worden vrij en gelijk in waardigheid en rechten geboren. Zij zijn begiftigd met verstand en geweten, en behoren zich jegens elkander in een geest van broederschap te gedragen. Een ieder heeft aanspraak op alle rechten en vrijheden in deze verklaring.';
    expect(detectLanguage(dutch)).toBe('nl');
  });

  it('names a language by ISO 639-3 for Tesseract, and leaves a three-letter code alone', () => {
    expect(['vi', 'hi', 'fr', 'km'].map(threeLetterCode)).toEqual(['vie', 'hin', 'fra', 'khm']);
    expect(threeLetterCode('cmn')).toBe('cmn');
  });
});

describe('the language of a real document', () => {
  // The UDHR as each language's speakers wrote it, through the whole extraction path.
  it.each([
    ['fra', 'fr'],
    ['rus', 'ru'],
    ['cmn_hans', 'zh'],
    ['khm', 'km'],
    ['vie', 'vi'],
    ['hin', 'hi'],
    ['eng', 'en'],
  ] as const)('labels the UDHR in %s as %s', async (code, language) => {
    const bytes = await fs.readFile(udhrDeclaration(code));
    const processed = await processFile({
      source: `${code}.html`,
      bytes,
      layers: [],
      defaultClassification: 'public',
    });
    expect(processed.enriched.language).toBe(language);
  });
});
