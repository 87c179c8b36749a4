/**
 * Files with the same bytes as a document join its list of sources. A copy
 * keeps what its own metadata says about it: its classification decides who
 * may see that the copy exists (its path and ingest time are information), and
 * metadata that differs from its twin's is reported, since only the first
 * file's metadata describes the document.
 */
import { readDocument, splitFrontMatter, writeDocument } from '../content/store.ts';
import {
  isSameFile,
  type ArchiveDocument,
  type Classification,
  type Metadata,
} from '../schema/document.ts';
import type { ArchiveCatalog } from './catalog.ts';
import type { Copy } from './run-record.ts';
import { mergeMetadata, type MetadataLayer } from './metadata.ts';

export interface DuplicateConflict {
  source: string;
  id: string;
  reason: string;
}

/** The metadata a copy gives itself, and so the classification of its source. */
export function duplicateMetadata(
  sourcePath: string,
  bytes: Uint8Array,
  layers: readonly MetadataLayer[],
  defaultClassification: Classification,
): Metadata & { classification: Classification } {
  let frontMatter: Metadata = {};
  if (sourcePath.toLowerCase().endsWith('.md')) {
    try {
      const { data } = splitFrontMatter(Buffer.from(bytes).toString('utf8'), sourcePath);
      if (data && typeof data === 'object') frontMatter = data;
    } catch {
      // Its twin was read from the same bytes and would have been refused the same way.
    }
  }
  const given = mergeMetadata([...layers.map((layer) => layer.metadata), frontMatter]);
  return { ...given, classification: given.classification ?? defaultClassification };
}

const describe = (value: unknown) => JSON.stringify(value ?? null);

/** Fields the copy gives differently from the document it joins. */
function differences(given: Metadata, meta: ArchiveDocument): string[] {
  return Object.entries(given).flatMap(([field, value]) => {
    const current = meta[field as keyof ArchiveDocument];
    const comparable =
      field === 'relations'
        ? describe(
            (current as ArchiveDocument['relations']).map(({ type, target }) => ({ type, target })),
          )
        : describe(current);
    return describe(value) === comparable ? [] : [`${field}: ${describe(value)} ≠ ${comparable}`];
  });
}

/** The copies of one document after another, as `catalog.run.copiesByOwner` gives them. */
function* byOwner(copies: Iterable<Copy>): Generator<[string, Copy[]]> {
  let group: Copy[] = [];
  for (const copy of copies) {
    if (group[0] && group[0].owner !== copy.owner) {
      yield [group[0].owner, group];
      group = [];
    }
    group.push(copy);
  }
  if (group[0]) yield [group[0].owner, group];
}

/**
 * Adds (or updates) the copies this run found (`catalog.run.addCopy`) to their
 * documents' sources; the catalog notes each document written. Returns the
 * source paths whose entry was added or changed, and the copies whose metadata
 * differs from their document's.
 */
export async function addDuplicateSources(
  contentDir: string,
  catalog: ArchiveCatalog,
): Promise<{ updatedSources: string[]; conflicts: DuplicateConflict[] }> {
  const updatedSources: string[] = [];
  const conflicts: DuplicateConflict[] = [];
  for (const [owner, entries] of byOwner(catalog.run.copiesByOwner())) {
    const doc = await readDocument(contentDir, owner);
    const format = doc?.meta.sources[0]?.format;
    if (!doc || !format) continue;
    const sources = [...doc.meta.sources];
    let changed = false;
    for (const { source, given } of entries) {
      const classification = given.classification ?? doc.meta.classification;
      const found = differences(given, doc.meta);
      if (found.length > 0) {
        conflicts.push({
          source: source.path,
          id: owner,
          reason: `same bytes as ${doc.meta.sources[0]?.path ?? owner}, whose metadata describes the document; this copy's differs (${found.join('; ')}); its source is shown only to visitors cleared for ${classification}`,
        });
      }
      const at = sources.findIndex((s) => isSameFile(s, source));
      const listed = sources[at];
      if (!listed) sources.push({ ...source, format, classification });
      else if (
        (listed.classification ?? doc.meta.classification) !== classification ||
        listed.collection !== source.collection
      ) {
        // The copy's metadata changed, or a collection adopted it: keep when it was first
        // ingested, take the new level and collection.
        const { collection } = source;
        sources[at] = {
          ...listed,
          classification,
          ...(collection === undefined ? {} : { collection }),
        };
      } else continue;
      changed = true;
      updatedSources.push(source.path);
    }
    if (!changed) continue;
    const meta = { ...doc.meta, sources };
    await writeDocument(contentDir, { ...doc, meta });
    catalog.add(meta);
  }
  return { updatedSources, conflicts };
}
