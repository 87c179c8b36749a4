/**
 * The fixed query mix: document numbers in several spellings, one to four
 * words with and without diacritics, facet filters, date ranges, and empty
 * queries with facets. Drawn deterministically from the archive itself.
 */
import { readAllDocuments } from '../content/store.ts';
import { foldVietnamese as fold } from '../schema/fold.ts';
import type { ArchiveDocument } from '../schema/document.ts';

const WORDS_VI = [
  'nghị quyết',
  'chuyển đổi số',
  'lưu trữ',
  'cải cách hành chính',
  'giáo dục đào tạo',
  'biến đổi khí hậu',
  'kinh tế tư nhân',
  'phòng chống tham nhũng',
  'hội nhập quốc tế',
  'sức khỏe nhân dân',
];
const WORDS_EN = [
  'digital transformation',
  'archives',
  'public health',
  'climate change',
  'education reform',
];
const WORDS_HI = ['डिजिटल', 'अभिलेखों', 'शिक्षा'];

/** What the mix takes from a document: public numbers and issuers. */
type MixSource = Pick<ArchiveDocument, 'classification' | 'number' | 'issuer'>;

/** Query strings for /api/search, in a fixed order, from an archive's content folder. */
export async function queryMix(contentDir: string, size = 300): Promise<string[]> {
  async function* metas() {
    for await (const { meta } of readAllDocuments(contentDir, () => undefined)) yield meta;
  }
  return queryMixOf(metas(), size);
}

/** The mix from any list of documents (the plain anchor's: the generator's, in its order). */
export async function queryMixOf(
  documents: Iterable<MixSource> | AsyncIterable<MixSource>,
  size = 300,
): Promise<string[]> {
  const numbers: string[] = [];
  const issuers = new Set<string>();
  for await (const doc of documents) {
    if (doc.classification === 'public' && doc.number && numbers.length < 60)
      numbers.push(doc.number);
    if (doc.issuer) issuers.add(doc.issuer);
    if (numbers.length >= 60 && issuers.size >= 8) break;
  }
  const issuerList = [...issuers];
  const mix: string[] = [];
  for (let i = 0; mix.length < size; i++) {
    const number = numbers[i % Math.max(1, numbers.length)] ?? '1-NQ/TW';
    const vi = WORDS_VI[i % WORDS_VI.length] ?? '';
    const issuer = issuerList[i % Math.max(1, issuerList.length)] ?? '';
    const year = 2005 + (i % 21);
    const q = (text: string) => `q=${encodeURIComponent(text)}`;
    const variants = [
      q(number),
      q(number.replace(/[-/]/g, ' ')),
      q(number.toLowerCase().replace('/', '-')),
      q(vi),
      q(fold(vi)),
      q(`${vi} ${WORDS_VI[(i + 3) % WORDS_VI.length] ?? ''}`),
      q(WORDS_EN[i % WORDS_EN.length] ?? ''),
      q(WORDS_HI[i % WORDS_HI.length] ?? ''),
      `${q(fold(vi))}&type=resolution&type=decision`,
      `${q(vi)}&issuer=${encodeURIComponent(issuer)}`,
      `${q(vi)}&issuedFrom=${String(year)}-01-01&issuedTo=${String(year + 3)}-12-31`,
      `q=&year=${String(year)}`,
      `q=&type=report&sort=issued:desc`,
      `q=&language=en`,
    ];
    mix.push(variants[i % variants.length] ?? 'q=');
  }
  return mix;
}
