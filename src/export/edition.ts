/**
 * `npm run export`: the static offline edition. Public documents only, decided
 * by the same visibility rule as the portal, with their media and a Pagefind
 * index. Two streaming passes over the content folder: the first learns which
 * documents are public (and who links to whom), the second writes pages.
 * The edition is built beside the target folder and moved into place at the
 * end, so a failed run leaves the previous edition whole.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { stagingFor, swapInto } from './staging.ts';
import { ANONYMOUS, canSee, visibleSources } from '../access/clearance.ts';
import { derivativeFile, originalFile, pageRenditionFile } from '../content/originals.ts';
import { readOcrPage } from '../ocr/document.ts';
import { renditionSize } from '../ocr/pages.ts';
import { splitParts } from '../content/parts.ts';
import { renderHtml, sections } from '../content/render.ts';
import { documentsDir, readAllDocuments, type StoredDocument } from '../content/store.ts';
import type { ArchiveDocument, RelationType } from '../schema/document.ts';
import { numberKeys } from '../schema/number.ts';
import { searchScript } from './search-script.ts';
import {
  documentPage,
  partFile,
  homePage,
  searchPage,
  EDITION_CSS,
  type HomeEntry,
} from './pages.ts';
import { contentLang, strings } from '../i18n/index.ts';
import { documentPermalink } from '../search/url.ts';
import { citationText } from './citation.ts';
import {
  citedLinks,
  writeEditionStyles,
  type DocumentModel,
  type Figure,
  type LinkedDocument,
  withShared,
} from '../view/document/index.ts';
import {
  buildSearchIndex,
  packPagefindScript,
  DEFAULT_PAGES_PER_INDEX,
  planShards,
  type Shard,
} from './search-index.ts';
import { VankhoError } from '../errors.ts';
import {
  DEFAULT_MAX_DOCUMENTS,
  describeSelection,
  selects,
  type EditionSelection,
} from './selection.ts';

const MARKER = '.vankho-export';
const RECENT = 20;
const IN_FLIGHT = 8;

/** The content folder holds no archive, or the output folder holds something that is not an edition. */
export class ExportUsageError extends VankhoError {
  override name = 'ExportUsageError';
}

export interface ExportReport {
  out: string;
  docs: number;
  invalid: { file: string; reason: string }[];
  /** Per-document problems: an original that could not be copied. */
  problems: { id: string; reason: string }[];
  seconds: number;
}

interface PublicCatalog {
  /** The documents of the edition, their titles and numbers: only links between them are links. */
  titles: Map<string, { title: string; number: string | undefined }>;
  incoming: Map<string, { type: RelationType; id: string }[]>;
  /** How many of the edition's documents carry each number key: for numbers several share. */
  numbers: Map<string, number>;
  recent: HomeEntry[];
}

const isPublic = (meta: Pick<ArchiveDocument, 'classification'>) =>
  canSee(ANONYMOUS, meta.classification);

export interface ExportOptions {
  onDocument?: () => void;
  /** Pages per Pagefind index: more make one index that needs more memory to build. */
  pagesPerIndex?: number;
  /** Which public documents: all of them by default. */
  selection?: EditionSelection;
  /** More documents than this refuse the run, naming the count (DEFAULT_MAX_DOCUMENTS). */
  maxDocuments?: number;
  /** The portal's origin: pages then carry their permalink (citation, canonical, JSON-LD). */
  origin?: string;
  /**
   * The edition is the portal's fallback search (server/fallback.ts): its search page says so,
   * and it loads Pagefind's script as written, since the portal's CSP runs no script from a blob.
   */
  fallback?: boolean;
}

export async function exportEdition(
  contentDir: string,
  out: string,
  {
    onDocument = () => undefined,
    pagesPerIndex = DEFAULT_PAGES_PER_INDEX,
    selection = {},
    maxDocuments = DEFAULT_MAX_DOCUMENTS,
    origin,
    fallback = false,
  }: ExportOptions = {},
): Promise<ExportReport> {
  const started = performance.now();
  const documents = documentsDir(contentDir);
  if (!(await fs.stat(documents).catch(() => undefined))?.isDirectory()) {
    throw new ExportUsageError(`${contentDir} holds no archive: ${documents} is not a folder`);
  }
  await checkTarget(out);
  const report: ExportReport = { out, docs: 0, invalid: [], problems: [], seconds: 0 };
  const onInvalid = (file: string, error: Error) =>
    report.invalid.push({ file: path.relative(contentDir, file), reason: error.message });
  // A withdrawn document leaves the edition; its originals stay in the archive.
  const included = (meta: ArchiveDocument) =>
    isPublic(meta) && !meta.withdrawn && selects(selection, meta);

  const catalog = await collectPublic(contentDir, included, onInvalid);
  if (catalog.titles.size > maxDocuments) {
    const which = describeSelection(selection);
    throw new ExportUsageError(
      `${String(catalog.titles.size)} public documents${which ? ` (${which})` : ''} would go into the edition, which holds at most ${String(maxDocuments)}: choose a part with --from-year/--to-year or --type, or raise --max-documents`,
    );
  }
  const staging = await stagingFor(out);
  const pending = new Set<Promise<void>>();
  const written: string[] = [];
  // Files that do not parse were reported by the first pass.
  for await (const doc of readAllDocuments(contentDir, () => undefined)) {
    if (!catalog.titles.has(doc.meta.id)) continue;
    const task = writeDocument(contentDir, staging, doc, catalog, report, origin).then(() => {
      written.push(doc.meta.id);
      report.docs++;
      onDocument();
    });
    pending.add(task);
    void task.finally(() => pending.delete(task));
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
  }
  await Promise.all(pending);
  const shards = planShards(written, pagesPerIndex);
  await buildSearchIndex(staging, shards);
  await writeShell(staging, report.docs, catalog.recent, shards, selection, fallback);
  await fs.writeFile(path.join(staging, MARKER), `${new Date().toISOString()}\n`);
  await swapInto(staging, out);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** The target must be missing, empty, or an earlier edition. */
async function checkTarget(out: string): Promise<void> {
  const entries: string[] = await fs.readdir(out).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ExportUsageError(`Cannot use ${out} as the output folder`, { cause: error });
  });
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new ExportUsageError(
      `${out} is not empty and holds no earlier edition; choose an empty or new folder`,
    );
  }
}

async function collectPublic(
  contentDir: string,
  included: (meta: ArchiveDocument) => boolean,
  onInvalid: (file: string, error: Error) => void,
): Promise<PublicCatalog> {
  const catalog: PublicCatalog = {
    titles: new Map(),
    incoming: new Map(),
    numbers: new Map(),
    recent: [],
  };
  for await (const { meta } of readAllDocuments(contentDir, onInvalid)) {
    if (!included(meta)) continue;
    catalog.titles.set(meta.id, { title: meta.title, number: meta.number });
    for (const key of meta.number ? numberKeys(meta.number) : [])
      catalog.numbers.set(key, (catalog.numbers.get(key) ?? 0) + 1);
    for (const relation of meta.relations) {
      if (!relation.id) continue;
      const list = catalog.incoming.get(relation.id) ?? [];
      list.push({ type: relation.type, id: meta.id });
      catalog.incoming.set(relation.id, list);
    }
    catalog.recent.push({ id: meta.id, title: meta.title, issued: meta.issued });
    // Keep only the newest few: sorting a short list now and then bounds memory.
    if (catalog.recent.length > RECENT * 4) catalog.recent = newest(catalog.recent);
  }
  catalog.recent = newest(catalog.recent);
  return catalog;
}

function newest(entries: HomeEntry[]): HomeEntry[] {
  return entries
    .sort((a, b) => (b.issued ?? '').localeCompare(a.issued ?? '') || a.id.localeCompare(b.id))
    .slice(0, RECENT);
}

async function writeDocument(
  contentDir: string,
  staging: string,
  { meta, body }: StoredDocument,
  catalog: PublicCatalog,
  report: ExportReport,
  origin: string | undefined,
): Promise<void> {
  const folder = path.join(staging, 'documents', meta.id);
  await fs.mkdir(folder, { recursive: true });
  const { original, figures } = await copyMedia(contentDir, staging, meta, report);
  const ui = strings();
  // Only links between documents of the edition: anything else is the plain citation it is.
  const href = (id: string) => `../../documents/${id}/`;
  const linked: LinkedDocument[] = meta.relations.map((relation) => {
    const linked = relation.id ? catalog.titles.get(relation.id) : undefined;
    const id = linked ? (relation.id ?? null) : null;
    return {
      type: relation.type,
      target: relation.target,
      id,
      title: linked?.title ?? null,
      url: id && href(id),
    };
  });
  const own = new Set(meta.number ? numberKeys(meta.number) : []);
  const outgoing = withShared(
    linked,
    (key) => (catalog.numbers.get(key) ?? 0) - (own.has(key) ? 1 : 0),
    (number) => `../../search/?q=${encodeURIComponent(number)}`,
  );
  const incoming: LinkedDocument[] = (catalog.incoming.get(meta.id) ?? []).flatMap((link) => {
    const linked = catalog.titles.get(link.id);
    return linked
      ? [
          {
            ...link,
            target: linked.number ?? linked.title,
            title: linked.title,
            url: href(link.id),
          },
        ]
      : [];
  });
  const permalink = origin === undefined ? undefined : documentPermalink(origin, meta.id);
  const shown = { ...meta, sources: visibleSources(meta, ANONYMOUS) };
  // One page per part: a long document is never rendered whole.
  const parts = splitParts(body);
  for (const [i, text] of parts.entries()) {
    const title = i === 0 ? meta.title : undefined;
    const model: DocumentModel = {
      meta: shown,
      ui,
      lang: contentLang(meta.language, ui.locale),
      part: { number: i + 1, count: parts.length },
      partHref: partFile,
      sections: sections(text, title),
      html: renderHtml(text, title, citedLinks(outgoing)),
      relations: { outgoing, incoming },
      originalHref: original,
      figures,
      citation: citationText(meta, { url: permalink, publisher: ui.t('site.name') }),
    };
    await fs.writeFile(path.join(folder, partFile(i + 1)), documentPage(model, permalink));
  }
}

/** The original and the pictures (an image's largest rendition, a scan's pages), beside the page. */
async function copyMedia(
  contentDir: string,
  staging: string,
  meta: ArchiveDocument,
  report: ExportReport,
): Promise<{ original: string | undefined; figures: Figure[] }> {
  const source = meta.sources[0];
  const figures: Figure[] = [];
  if (!source) return { original: undefined, figures };
  const media = path.join(staging, 'media', meta.id);
  const url = (file: string) => `../../media/${meta.id}/${file}`;
  await fs.mkdir(media, { recursive: true });
  const name = `original${path.extname(source.path).toLowerCase()}`;
  let original: string | undefined;
  try {
    await fs.copyFile(originalFile(contentDir, source.sha256, source.path), path.join(media, name));
    original = url(name);
  } catch (cause) {
    report.problems.push({
      id: meta.id,
      reason: `original not copied: ${(cause as Error).message}`,
    });
  }
  const { t } = strings();
  const largest = meta.image?.derivatives.at(-1);
  if (meta.ocr) {
    // A recognised scan: its pages, whose text is the body.
    for (let number = 1; number <= meta.ocr.pages; number++) {
      const page = await readOcrPage(contentDir, source.sha256, number - 1);
      if (!page || page.width === 0) continue;
      const file = `page-${String(number)}.webp`;
      await fs.copyFile(
        pageRenditionFile(contentDir, source.sha256, number),
        path.join(media, file),
      );
      figures.push({
        src: url(file),
        ...renditionSize(page),
        alt: t('doc.scan.page', { page: number, title: meta.title }),
      });
    }
  } else if (largest && meta.image) {
    const file = `${String(largest.width)}.webp`;
    await fs.copyFile(
      derivativeFile(contentDir, source.sha256, largest.width),
      path.join(media, file),
    );
    figures.push({
      src: url(file),
      width: largest.width,
      height: largest.height,
      alt: meta.title,
      ...(original ? { href: original } : {}),
      caption: `${String(meta.image.width)} × ${String(meta.image.height)} px`,
    });
  }
  return { original, figures };
}

async function writeShell(
  staging: string,
  total: number,
  recent: HomeEntry[],
  shards: Shard[],
  selection: EditionSelection,
  fallback: boolean,
): Promise<void> {
  await fs.mkdir(path.join(staging, 'search'), { recursive: true });
  await fs.mkdir(path.join(staging, 'assets'), { recursive: true });
  await fs.writeFile(path.join(staging, 'index.html'), homePage(total, recent, selection));
  const notice = fallback ? strings().t('search.fallback.notice') : undefined;
  await fs.writeFile(path.join(staging, 'search', 'index.html'), searchPage(notice));
  await writeEditionStyles(path.join(staging, 'assets'), EDITION_CSS);
  // The packed script needs a script from a blob, which the fallback's CSP refuses.
  const packed = fallback ? undefined : await packPagefindScript(staging);
  await fs.writeFile(
    path.join(staging, 'assets', 'search.js'),
    searchScript(
      shards.slice(1).map((shard) => shard.bundle),
      packed,
    ),
  );
}
