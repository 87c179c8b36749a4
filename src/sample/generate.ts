/**
 * A deterministic, seeded generator of raw archive files: the sample archive
 * and the benchmark's input. Same seed and count, same bytes, on any machine.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../content/slug.ts';
import type { Classification, DocumentType, RelationType, Status } from '../schema/document.ts';
import { ISSUERS, TOPICS, type Issuer, type Language } from './corpus.ts';
import { renderSample, type SampleFormat } from './formats.ts';
import {
  citationSentence,
  sectionsFor,
  sentenceMaker,
  titleFor,
  type Cited,
  type SampleDocument,
} from './model.ts';

export interface GenerateOptions {
  outDir: string;
  docs: number;
  seed?: number;
}

export interface GenerateResult {
  documents: number;
  /** Documents per format written. */
  formats: Record<SampleFormat, number>;
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
/** How each language's documents reach an archive; PDFs are English (see formats.ts). */
const FORMATS: Record<Language, Weighted<SampleFormat>> = {
  vi: [
    ['txt', 38],
    ['md', 35],
    ['html', 12],
    ['docx', 10],
    ['jpg', 5],
  ],
  en: [
    ['txt', 45],
    ['pdf', 30],
    ['html', 20],
    ['jpg', 5],
  ],
  hi: [
    ['md', 80],
    ['html', 20],
  ],
};
const FIRST_YEAR = 2005;
const LAST_YEAR = 2025;
const MANIFEST_COLUMNS = [
  'file',
  'title',
  'type',
  'issuer',
  'issued',
  'classification',
  'status',
  'subjects',
];

/** The seed of `npm run sample` and the benchmark. */
export const DEFAULT_SEED = 20241222;

/** Documents rendered and written at once. */
const IN_FLIGHT = 16;

/** One document as drawn, with the format and place it is written in. */
export interface SampleDraw {
  doc: SampleDocument;
  format: SampleFormat;
  /** Its folder and file stem inside the archive: `<issuer>/<year>` and the number's slug. */
  folder: string;
  stem: string;
  /** English typed texts are described in their folder's manifest.csv instead of sidecars. */
  viaManifest: boolean;
}

/**
 * The documents of a sample archive, in order, without rendering or writing
 * anything: the random sequence decides everything, so the same seed and count
 * give the same documents as `generateArchive` writes (the benchmark's plain
 * anchor at a million is built from them, without files).
 */
export function* drawSample(docs: number, seed = DEFAULT_SEED): Generator<SampleDraw> {
  const rng = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const weighted = <T>(items: Weighted<T>): T => {
    let roll = rng() * items.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return (items[0] as readonly [T, number])[0];
  };
  const serials = new Map<string, number>();
  const citable = new Map<number, Cited[]>();
  for (let i = 0; i < docs; i++) {
    const language = weighted(LANGUAGES);
    const issuer = pick(ISSUERS.filter((candidate) => candidate.language === language));
    const format = weighted(FORMATS[language]);
    const type: DocumentType =
      format === 'jpg' ? 'image' : (pick(Object.keys(issuer.signs)) as DocumentType);
    const year = FIRST_YEAR + Math.floor(rng() * (LAST_YEAR - FIRST_YEAR + 1));
    const issued = `${String(year)}-${pad(1 + Math.floor(rng() * 12))}-${pad(1 + Math.floor(rng() * 28))}`;
    const sign = issuer.signs[type] ?? '';
    const number = sign ? numberFor(issuer, sign, year, serials, rng) : undefined;
    const topic = pick(TOPICS);
    const cited = number && rng() < 0.6 ? citeEarlier(citable, year, rng) : undefined;
    const relation = cited ? weighted(RELATIONS) : undefined;
    const sentence = sentenceMaker(language, topic, year, rng);
    const doc: SampleDocument = {
      seed: i,
      language,
      issuer: issuer.name,
      city: issuer.city,
      type,
      number,
      issued,
      title: titleFor(language, type, topic),
      topicText: topic[language],
      classification: weighted(LEVELS),
      status: weighted(STATUSES),
      subjects: [...new Set([topic.subject[language], pick(TOPICS).subject[language]])],
      summary: sentence(),
      citation: cited && relation ? citationSentence(language, relation, cited) : '',
      sections: sectionsFor(language, 1024 + Math.floor(rng() * 7 * 1024), sentence, rng),
    };
    const issuerSlug = slugify(issuer.name);
    const folder = `${issuerSlug === 'section' ? `issuer-${String(ISSUERS.indexOf(issuer))}` : issuerSlug}/${String(year)}`;
    const stem = number ? slugify(number) : `${type}-${String(i).padStart(6, '0')}`;
    yield { doc, format, folder, stem, viaManifest: language === 'en' && format === 'txt' };
    if (number) {
      const list = citable.get(year) ?? [];
      list.push({ number, type, issuer: issuer.name, issued, topic });
      citable.set(year, list);
    }
  }
}

export async function generateArchive(options: GenerateOptions): Promise<GenerateResult> {
  const manifests = new Map<string, string[]>();
  const formats: Record<SampleFormat, number> = { txt: 0, md: 0, html: 0, docx: 0, pdf: 0, jpg: 0 };
  const made = new Set<string>();
  const write = async (relative: string, data: string | Uint8Array) => {
    const file = path.join(options.outDir, relative);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await fs.writeFile(file, data);
  };
  // Documents are drawn in order (the random sequence decides everything), then
  // rendered and written several at a time: rendering and writing are the slow part.
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];

  for (const { doc, format, folder, stem, viaManifest } of drawSample(options.docs, options.seed)) {
    const task = Promise.resolve(renderSample(doc, format, `${folder}/${stem}`))
      .then(async (files) => {
        for (const file of files) {
          if (viaManifest && file.path.endsWith('.meta.yaml')) continue;
          await write(file.path, file.data);
        }
      })
      .catch((error: unknown) => {
        failures.push(error);
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failures.length > 0) break;
    if (viaManifest) {
      const row: Record<string, string> = {
        file: `${stem}.txt`,
        title: doc.title,
        type: doc.type,
        issuer: doc.issuer,
        issued: doc.issued,
        classification: doc.classification,
        status: doc.status,
        subjects: doc.subjects.join(';'),
      };
      const rows = manifests.get(folder) ?? [];
      rows.push(MANIFEST_COLUMNS.map((column) => csvCell(row[column] ?? '')).join(','));
      manifests.set(folder, rows);
    }
    formats[format]++;
  }
  await Promise.all(inFlight);
  if (failures.length > 0) {
    throw new Error(`Failed to write the sample archive to ${options.outDir}`, {
      cause: failures[0],
    });
  }
  for (const [folder, rows] of manifests) {
    await write(`${folder}/manifest.csv`, `${[MANIFEST_COLUMNS.join(','), ...rows].join('\n')}\n`);
  }
  return { documents: options.docs, formats };
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
