/** One synthetic document before it is written in any format. */
import type { Classification, DocumentType, RelationType, Status } from '../schema/document.ts';
import {
  AGENCIES,
  EN_SECTIONS,
  HI_SECTIONS,
  SENTENCES,
  TYPE_WORDS,
  VI_SECTIONS,
  type Language,
  type Topic,
} from './corpus.ts';

export interface SampleDocument {
  seed: number;
  language: Language;
  issuer: string;
  city: string;
  type: DocumentType;
  number: string | undefined;
  issued: string;
  title: string;
  topicText: string;
  classification: Classification;
  status: Status;
  subjects: string[];
  summary: string;
  citation: string;
  sections: { heading: string; paragraphs: string[] }[];
}

export interface Cited {
  number: string;
  type: DocumentType;
  issuer: string;
  issued: string;
  topic: Topic;
}

export function titleFor(language: Language, type: DocumentType, topic: Topic): string {
  const words = TYPE_WORDS[type];
  if (language === 'vi') return `${words.word} về ${topic.vi}`;
  if (language === 'en') return `${words.en} on ${topic.en}`;
  return `${topic.hi} पर ${words.hi}`;
}

export function citationSentence(language: Language, relation: RelationType, cited: Cited): string {
  const [y, m, d] = cited.issued.split('-').map(Number) as [number, number, number];
  const kind = TYPE_WORDS[cited.type];
  if (language === 'en') {
    const verb = {
      implements: 'Implementing',
      cites: 'With reference to',
      amends: 'Amending',
      replaces: 'Replacing',
      repeals: 'Repealing',
    }[relation];
    return `${verb} ${kind.en} No. ${cited.number} of the ${cited.issuer} on ${cited.topic.en}, this document sets out the following.`;
  }
  if (language === 'hi') {
    return `यह दस्तावेज़ ${kind.hi} संख्या ${cited.number} (${cited.issuer}) के आधार पर तैयार किया गया है।`;
  }
  const verb = {
    implements: 'Thực hiện',
    cites: 'Căn cứ',
    amends: 'Sửa đổi, bổ sung',
    replaces: 'Thay thế',
    repeals: 'Bãi bỏ',
  }[relation];
  return `${verb} ${kind.word} số ${cited.number} ngày ${String(d)} tháng ${String(m)} năm ${String(y)} của ${cited.issuer} về ${cited.topic.vi};`;
}

/** A sentence with its slots filled: topic, years, target year, percentage, agency. */
export function sentenceMaker(
  language: Language,
  topic: Topic,
  year: number,
  rng: () => number,
): () => string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  return () => {
    const slots: Record<string, string> = {
      topic: topic[language],
      years: String(3 + Math.floor(rng() * 12)),
      target: String(year + 5 + Math.floor(rng() * 10)),
      percent: String(50 + Math.floor(rng() * 50)),
      agency: pick(AGENCIES[language]),
    };
    return pick(SENTENCES[language]).replace(/\{(\w+)\}/g, (_, slot: string) => slots[slot] ?? '');
  };
}

/** Titled sections of two to four sentences a paragraph, until the text reaches about `targetBytes`. */
export function sectionsFor(
  language: Language,
  targetBytes: number,
  sentence: () => string,
  rng: () => number,
): SampleDocument['sections'] {
  const headings = language === 'vi' ? VI_SECTIONS : language === 'en' ? EN_SECTIONS : HI_SECTIONS;
  const sections: SampleDocument['sections'] = [];
  let bytes = 0;
  for (let s = 0; bytes < targetBytes; s++) {
    const heading = headings[s % headings.length] as string;
    const round = Math.floor(s / headings.length);
    const paragraphs = Array.from({ length: 1 + Math.floor(rng() * 3) }, () =>
      Array.from({ length: 2 + Math.floor(rng() * 3) }, sentence).join(' '),
    );
    bytes += paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
    sections.push({
      heading: round === 0 ? heading : `${heading} (${String(round + 1)})`,
      paragraphs,
    });
  }
  return sections;
}
