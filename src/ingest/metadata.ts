/**
 * Metadata supplied beside a file, later wins: text of the document <
 * `manifest.csv` in its folder < sidecar `<name>.meta.yaml|json` < front matter.
 */
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseYaml } from '../content/yaml.ts';
import { metadataSchema, RELATION_TYPES, type Metadata } from '../schema/document.ts';
import { parseWithFriendlyErrors } from '../schema/validate.ts';
import type { DiscoveredFile } from './discover.ts';
import { RejectedFileError } from './extract/index.ts';

export interface MetadataLayer {
  /** Where the layer came from, for messages. */
  origin: string;
  metadata: Metadata;
  /** The raw bytes behind it, so that a change re-ingests the document. */
  raw: string;
}

const LIST_FIELDS = new Set(['subjects', 'relations']);

/** Later layers win, field by field. */
export function mergeMetadata(layers: readonly Metadata[]): Metadata {
  return Object.assign({}, ...layers) as Metadata;
}

/** Validates declared metadata; a problem rejects the file and names the source of the metadata. */
export function validateMetadata(value: unknown, origin: string): Metadata {
  try {
    return parseWithFriendlyErrors(metadataSchema, value ?? {}, origin);
  } catch (cause) {
    throw new RejectedFileError(`invalid metadata in ${(cause as Error).message}`, { cause });
  }
}

export function readSidecar(file: DiscoveredFile): MetadataLayer | undefined {
  for (const [extension, parse] of [
    ['.meta.yaml', parseYaml],
    ['.meta.json', (text: string) => JSON.parse(text) as unknown],
  ] as const) {
    const absolute = `${file.absolute}${extension}`;
    const origin = `${file.relative}${extension}`;
    // The folder's listing says which sidecars exist: no failed system call per file.
    if (file.siblings && !file.siblings.has(path.basename(absolute))) continue;
    let raw: string;
    // Blocking, as the file itself is read (see prepare.ts): a wake-up of another thread costs
    // more than reading a small file.
    try {
      const stat = fsSync.lstatSync(absolute);
      if (!stat.isFile()) throw new RejectedFileError(`${origin} is not a regular file`);
      raw = fsSync.readFileSync(absolute, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    let data: unknown;
    try {
      data = parse(raw);
    } catch (cause) {
      throw new RejectedFileError(`${origin} does not parse: ${(cause as Error).message}`, {
        cause,
      });
    }
    return { origin, metadata: validateMetadata(data, origin), raw };
  }
  return undefined;
}

/** A relation in a manifest cell: "implements:57-NQ/TW"; a bare number is a citation. */
function parseRelationCell(cell: string): { type: string; target: string } {
  const colon = cell.indexOf(':');
  const type = colon > 0 ? cell.slice(0, colon).trim() : '';
  if ((RELATION_TYPES as readonly string[]).includes(type)) {
    return { type, target: cell.slice(colon + 1).trim() };
  }
  return { type: 'cites', target: cell.trim() };
}

function manifestRowToValue(row: Record<string, string>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [field, cell] of Object.entries(row)) {
    if (field === 'file' || cell.trim() === '') continue;
    if (LIST_FIELDS.has(field)) {
      const items = cell
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean);
      value[field] = field === 'relations' ? items.map(parseRelationCell) : items;
    } else {
      value[field] = cell.trim();
    }
  }
  return value;
}

type ManifestRows = Map<string, Record<string, string>> | Error;

/** Folders whose manifests are kept: discovery finishes one folder before the next. */
const KEPT_FOLDERS = 32;

/**
 * Reads each folder's manifest once, also when several files of a folder are
 * prepared at the same time; only the most recent folders stay in memory.
 */
export class ManifestReader {
  readonly #folders = new Map<string, Promise<ManifestRows>>();

  async layerFor(file: DiscoveredFile): Promise<MetadataLayer | undefined> {
    const relativeDir = path.posix.dirname(file.relative);
    const origin = relativeDir === '.' ? 'manifest.csv' : `${relativeDir}/manifest.csv`;
    const rows = await this.#rows(path.dirname(file.absolute), origin);
    if (rows instanceof Error) throw new RejectedFileError(rows.message, { cause: rows });
    const name = path.posix.basename(file.relative);
    const row = rows.get(name);
    if (!row) return undefined;
    const rowOrigin = `${origin} (row "${name}")`;
    return {
      origin: rowOrigin,
      metadata: validateMetadata(manifestRowToValue(row), rowOrigin),
      raw: JSON.stringify(row),
    };
  }

  #rows(dir: string, origin: string): Promise<ManifestRows> {
    let rows = this.#folders.get(dir);
    if (!rows) {
      rows = readManifest(dir, origin);
      this.#folders.set(dir, rows);
      if (this.#folders.size > KEPT_FOLDERS) {
        const oldest = this.#folders.keys().next().value;
        if (oldest !== undefined) this.#folders.delete(oldest);
      }
    }
    return rows;
  }
}

async function readManifest(dir: string, origin: string): Promise<ManifestRows> {
  const rows = new Map<string, Record<string, string>>();
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, 'manifest.csv'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return rows;
    throw error;
  }
  try {
    const parsed = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
    for (const row of parsed as Record<string, string>[]) {
      if (!row['file']) throw new Error('a row has no "file" column');
      rows.set(row['file'].normalize('NFC'), row);
    }
    return rows;
  } catch (cause) {
    return new Error(`${origin} does not parse: ${(cause as Error).message}`, { cause });
  }
}
