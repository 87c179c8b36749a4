/**
 * A deterministic, seeded generator of raw archive files: the sample archive
 * and the benchmark's input. Same seed and count, same bytes, on any machine.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { slugify } from '../content/render.ts';
import type { Classification, DocumentType, RelationType, Status } from '../schema/document.ts';
import {
  AGENCIES,
  EN_SECTIONS,
  HI_SECTIONS,
  ISSUERS,
  SENTENCES,
  TOPICS,
  TYPE_WORDS,
  VI_SECTIONS,
  type Issuer,
  type Language,
  type Topic,
} from './corpus.ts';

export interface GenerateOptions {
  outDir: string;
  docs: number;
  seed?: number;
}

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];
const LANGUAGES: Weighted<Language> = [
  ['vi', 75],
  ['en', 15],
  ['hi', 10],
];
const LEVELS: Weighted<Classification> = [
  ['public', 70],
  ['internal', 12],
  ['confidential', 8],
  ['secret', 6],
  ['top-secret', 4],
];
const STATUSES: Weighted<Status> = [
  ['in-force', 45],
  ['partly-in-force', 10],
  ['expired', 15],
  ['repealed', 5],
  ['not-yet-in-force', 5],
  ['unknown', 20],
];
const RELATIONS: Weighted<RelationType> = [
  ['implements', 50],
  ['cites', 25],
  ['amends', 15],
  ['replaces', 10],
];
const FIRST_YEAR = 2005;
const LAST_YEAR = 2025;

interface Cited {
  number: string;
  type: DocumentType;
  issuer: string;
  issued: string;
  topic: Topic;
}

export interface GenerateResult {
  documents: number;
}

export async function generateArchive(options: GenerateOptions): Promise<GenerateResult> {
  const rng = random(options.seed ?? 20241222);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const weighted = <T>(items: Weighted<T>): T => {
    let roll = rng() * items.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return (items[0] as readonly [T, number])[0];
  };
  const serials = new Map<string, number>();
  const citable = new Map<number, Cited[]>();
  const manifests = new Map<string, Record<string, string>[]>();
  const write = async (relative: string, text: string) => {
    const file = path.join(options.outDir, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  };

  for (let i = 0; i < options.docs; i++) {
    const language = weighted(LANGUAGES);
    const issuer = pick(ISSUERS.filter((candidate) => candidate.language === language));
    const type = pick(Object.keys(issuer.signs)) as DocumentType;
    const year = FIRST_YEAR + Math.floor(rng() * (LAST_YEAR - FIRST_YEAR + 1));
    const month = 1 + Math.floor(rng() * 12);
    const day = 1 + Math.floor(rng() * 28);
    const issued = `${String(year)}-${pad(month)}-${pad(day)}`;
    const sign = issuer.signs[type] ?? '';
    const number = sign ? numberFor(issuer, sign, year, serials, rng) : undefined;
    const topic = pick(TOPICS);
    const classification = weighted(LEVELS);
    const status = weighted(STATUSES);
    const subjects = [...new Set([topic.subject[language], pick(TOPICS).subject[language]])];
    const cited = number && rng() < 0.6 ? citeEarlier(citable, year, rng) : undefined;
    const relation = cited ? weighted(RELATIONS) : undefined;
    const targetBytes = 1024 + Math.floor(rng() * 7 * 1024);
    const fill = (sentences: readonly string[]) => {
      const slots = {
        topic: topic[language],
        years: String(3 + Math.floor(rng() * 12)),
        target: String(year + 5 + Math.floor(rng() * 10)),
        percent: String(50 + Math.floor(rng() * 50)),
        agency: pick(AGENCIES[language]),
      };
      return pick(sentences).replace(/\{(\w+)\}/g, (_, slot: keyof typeof slots) => slots[slot]);
    };
    const body = sectionsText(language, targetBytes, () => fill(SENTENCES[language]), rng);
    const stem = number ? slugify(number) : `${type}-${String(i).padStart(6, '0')}`;
    const folder = `${slugify(issuer.name) === 'section' ? `issuer-${String(ISSUERS.indexOf(issuer))}` : slugify(issuer.name)}/${String(year)}`;
    const title = titleFor(language, type, topic);
    const citation = cited && relation ? citationSentence(language, relation, cited) : '';

    if (language === 'vi' && rng() < 0.5) {
      // Plain text with a header block; what the text cannot say is in a sidecar.
      const header = [
        issuer.name.toLocaleUpperCase('vi'),
        ...(number ? [`Số: ${number}`] : []),
        `${issuer.city}, ngày ${String(day)} tháng ${String(month)} năm ${String(year)}`,
        '',
        TYPE_WORDS[type].caps,
        `Về ${topic.vi}`,
      ].join('\n');
      await write(
        `${folder}/${stem}.txt`,
        `${header}\n\n${citation ? `${citation}\n\n` : ''}${body}\n`,
      );
      await write(
        `${folder}/${stem}.txt.meta.yaml`,
        YAML.stringify({ issuer: issuer.name, classification, status, subjects }),
      );
    } else if (language === 'en') {
      const header = [
        issuer.name.toUpperCase(),
        ...(number ? [`No. ${number}`] : []),
        `${issuer.city}, ${issued}`,
      ].join('\n');
      await write(
        `${folder}/${stem}.txt`,
        `${header}\n\n${title}\n\n${citation ? `${citation}\n\n` : ''}${body}\n`,
      );
      const rows = manifests.get(folder) ?? [];
      rows.push({
        file: `${stem}.txt`,
        title,
        type,
        issuer: issuer.name,
        issued,
        classification,
        status,
        subjects: subjects.join(';'),
      });
      manifests.set(folder, rows);
    } else {
      const front = {
        title,
        type,
        issuer: issuer.name,
        issued,
        classification,
        status,
        subjects,
        summary: fill(SENTENCES[language]),
      };
      const numberLine = number
        ? `Số: ${number} — ${issuer.city}, ngày ${String(day)} tháng ${String(month)} năm ${String(year)}\n\n`
        : '';
      await write(
        `${folder}/${stem}.md`,
        `---\n${YAML.stringify(front)}---\n\n# ${title}\n\n${numberLine}${citation ? `${citation}\n\n` : ''}${markdownSections(body)}\n`,
      );
    }
    if (number) {
      const list = citable.get(year) ?? [];
      list.push({ number, type, issuer: issuer.name, issued, topic });
      citable.set(year, list);
    }
  }
  for (const [folder, rows] of manifests) {
    const columns = [
      'file',
      'title',
      'type',
      'issuer',
      'issued',
      'classification',
      'status',
      'subjects',
    ];
    const csv = [
      columns.join(','),
      ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? '')).join(',')),
    ];
    await write(`${folder}/manifest.csv`, `${csv.join('\n')}\n`);
  }
  return { documents: options.docs };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function numberFor(
  issuer: Issuer,
  sign: string,
  year: number,
  serials: Map<string, number>,
  rng: () => number,
): string {
  const key = `${issuer.name}|${sign}|${String(year)}`;
  const serial = (serials.get(key) ?? Math.floor(rng() * 40)) + 1 + Math.floor(rng() * 3);
  serials.set(key, serial);
  if (issuer.style === 'party') return `${String(serial)}-${sign}`;
  if (issuer.style === 'state') return `${String(serial)}/${String(year)}/${sign}`;
  return `${String(serial)}/${sign}`;
}

/** An earlier numbered document, from a year before this one. */
function citeEarlier(
  citable: Map<number, Cited[]>,
  year: number,
  rng: () => number,
): Cited | undefined {
  const years = [...citable.keys()].filter((y) => y < year);
  if (years.length === 0) return undefined;
  const list = citable.get(years[Math.floor(rng() * years.length)] as number) ?? [];
  return list[Math.floor(rng() * list.length)];
}

function titleFor(language: Language, type: DocumentType, topic: Topic): string {
  const words = TYPE_WORDS[type];
  if (language === 'vi') return `${words.word} về ${topic.vi}`;
  if (language === 'en') return `${words.en} on ${topic.en}`;
  return `${topic.hi} पर ${words.hi}`;
}

function citationSentence(language: Language, relation: RelationType, cited: Cited): string {
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

/** Titled sections of sentences until the text reaches about `targetBytes`. */
function sectionsText(
  language: Language,
  targetBytes: number,
  sentence: () => string,
  rng: () => number,
): string {
  const headings = language === 'vi' ? VI_SECTIONS : language === 'en' ? EN_SECTIONS : HI_SECTIONS;
  const blocks: string[] = [];
  let bytes = 0;
  for (let s = 0; bytes < targetBytes; s++) {
    const heading = headings[s % headings.length] as string;
    const title =
      s < headings.length ? heading : `${heading} (${String(Math.floor(s / headings.length) + 1)})`;
    blocks.push(title);
    const paragraphs = 1 + Math.floor(rng() * 3);
    for (let p = 0; p < paragraphs; p++) {
      const text = Array.from({ length: 2 + Math.floor(rng() * 3) }, sentence).join(' ');
      blocks.push(text);
      bytes += Buffer.byteLength(text);
    }
  }
  return blocks.join('\n\n');
}

/** The same sections as Markdown: titles (every other block, by construction) become headings. */
function markdownSections(text: string): string {
  const headings = new Set([...VI_SECTIONS, ...EN_SECTIONS, ...HI_SECTIONS]);
  return text
    .split('\n\n')
    .map((block) => (headings.has(block.replace(/ \(\d+\)$/, '')) ? `## ${block}` : block))
    .join('\n\n');
}
