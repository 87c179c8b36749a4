/**
 * Which public documents an offline edition holds. A national archive's
 * public part runs to hundreds of thousands of documents, more than a
 * browser-side index serves well on a slow link (and more than one edition
 * builds in a few GB), so an edition is a part of it: a span of years, some
 * document types, or both, and at most DEFAULT_MAX_DOCUMENTS unless raised.
 */
import { VankhoError } from '../errors.ts';
import { DOCUMENT_TYPES, type ArchiveDocument, type DocumentType } from '../schema/document.ts';

/** An edition holds at most this many documents unless told otherwise. */
export const DEFAULT_MAX_DOCUMENTS = 100_000;

export interface EditionSelection {
  /** Documents issued in this year or later (a document without a date is then left out). */
  fromYear?: number | undefined;
  /** Documents issued in this year or earlier. */
  toYear?: number | undefined;
  /** Only these types; all when absent or empty. */
  types?: readonly DocumentType[] | undefined;
}

/** A problem with a selection, naming the option and what was expected. */
export class SelectionError extends VankhoError {
  override name = 'SelectionError';
}

const YEAR = /^\d{4}$/;

/** The selection from command-line values, checked: years of four digits, known types. */
export function parseSelection(values: {
  fromYear?: string | undefined;
  toYear?: string | undefined;
  types?: readonly string[] | undefined;
}): EditionSelection {
  const year = (option: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!YEAR.test(value)) {
      throw new SelectionError(`${option}: expected a year of four digits, got "${value}".`);
    }
    return Number(value);
  };
  const fromYear = year('--from-year', values.fromYear);
  const toYear = year('--to-year', values.toYear);
  if (fromYear !== undefined && toYear !== undefined && fromYear > toYear) {
    throw new SelectionError(
      `--from-year ${String(fromYear)} is after --to-year ${String(toYear)}.`,
    );
  }
  const types = (values.types ?? []).flatMap((value) => value.split(',')).map((t) => t.trim());
  const unknown = types.filter((type) => !(DOCUMENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    throw new SelectionError(
      `--type: unknown ${unknown.map((t) => `"${t}"`).join(', ')}; expected one of ${DOCUMENT_TYPES.join(', ')}.`,
    );
  }
  return { fromYear, toYear, types: types as DocumentType[] };
}

/** Whether a (public) document belongs in the edition. */
export function selects(
  selection: EditionSelection,
  meta: Pick<ArchiveDocument, 'issued' | 'type'>,
): boolean {
  const { fromYear, toYear, types } = selection;
  if (types && types.length > 0 && !types.includes(meta.type)) return false;
  if (fromYear === undefined && toYear === undefined) return true;
  const year = meta.issued ? Number(meta.issued.slice(0, 4)) : undefined;
  if (year === undefined) return false;
  return (fromYear === undefined || year >= fromYear) && (toYear === undefined || year <= toYear);
}

/** The selection in words, for messages ("issued 2015–2018, type decision"); empty for all. */
export function describeSelection(selection: EditionSelection): string {
  const { fromYear, toYear, types } = selection;
  const parts: string[] = [];
  if (fromYear !== undefined || toYear !== undefined) {
    parts.push(
      `issued ${fromYear === undefined ? '' : String(fromYear)}–${toYear === undefined ? '' : String(toYear)}`,
    );
  }
  if (types && types.length > 0) parts.push(`type ${types.join(', ')}`);
  return parts.join(', ');
}
