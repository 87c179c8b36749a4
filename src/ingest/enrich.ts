/**
 * Enrich: what the metadata does not say is read from the text (number, type,
 * issuer, issued date, language, title, citations of other documents).
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { plainText } from '../content/render.ts';
import { findDateline, findVietnameseDate } from '../schema/date.ts';
import type {
  Classification,
  DocumentType,
  Metadata,
  Relation,
  RelationType,
} from '../schema/document.ts';
import { findDeclaredNumber, NUMBER_PATTERN, numberKey, typeFromNumber } from '../schema/number.ts';
import { detectLanguage } from '../schema/language.ts';
import { SIGNED_TYPES } from '../schema/types.ts';

export interface Enriched {
  title: string;
  number: string | undefined;
  type: DocumentType;
  issuer: string | undefined;
  issued: string | undefined;
  language: string;
  classification: Classification;
  relations: Relation[];
}

// The title line of a Vietnamese document names its kind in capitals.
const TYPE_TITLES: readonly [string, DocumentType][] = SIGNED_TYPES.map(({ vi, type }) => [
  vi.toLocaleUpperCase('vi'),
  type,
]);

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** "NGHỊ QUYẾT" followed by "về …" makes "Nghị quyết về …". */
function titleFromTypeLine(all: string[]): { title: string; type: DocumentType } | undefined {
  for (let i = 0; i < Math.min(all.length, 15); i++) {
    const match = TYPE_TITLES.find(([caps]) => all[i] === caps);
    if (!match) continue;
    const next = all[i + 1];
    const kind = match[0].charAt(0) + match[0].slice(1).toLocaleLowerCase('vi');
    const title =
      next && /^(về|ve)\s/iu.test(next)
        ? `${kind} ${next.charAt(0).toLocaleLowerCase('vi')}${next.slice(1)}`
        : kind;
    return { title, type: match[1] };
  }
  return undefined;
}

/** The issuer is the first line of the header block when written in capitals. */
function issuerFromHeader(all: string[]): string | undefined {
  const first = all[0];
  if (!first || first.length > 80 || first !== first.toLocaleUpperCase('vi')) return undefined;
  if (!/\p{Lu}{2}/u.test(first) || TYPE_TITLES.some(([caps]) => caps === first)) return undefined;
  const lower = first.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

const ENGLISH_TYPE_NAMES = SIGNED_TYPES.map(({ en }) => en);

const RELATION_CUES: readonly [RegExp, RelationType][] = [
  [/(thực hiện|implementing|implements)\s*$/iu, 'implements'],
  [/(sửa đổi|bổ sung|amending|amends)\s*$/iu, 'amends'],
  [/(thay thế|replacing|replaces)\s*$/iu, 'replaces'],
  [/(bãi bỏ|repealing|repeals)\s*$/iu, 'repeals'],
];

// "… Nghị quyết số " / "… Resolution No. " between a cue and the number it governs.
const DOCUMENT_NAME_BEFORE = new RegExp(
  `(${[...TYPE_TITLES.map(([caps]) => caps), 'Nghị định', 'Thông tư', 'Luật', ...ENGLISH_TYPE_NAMES].join('|')})?\\s*(số|No\\.?)?\\s*$`,
  'iu',
);

/** Numbers cited in the text, typed by the words just before them. */
export function findCitations(text: string, ownNumber: string | undefined): Relation[] {
  const own = ownNumber ? numberKey(ownNumber) : undefined;
  const found = new Map<string, Relation>();
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    const key = numberKey(match[0]);
    if (key === own || found.has(key)) continue;
    const before = text
      .slice(Math.max(0, match.index - 60), match.index)
      .replace(DOCUMENT_NAME_BEFORE, '');
    const type = RELATION_CUES.find(([cue]) => cue.test(before))?.[1] ?? 'cites';
    found.set(key, { type, target: match[0] });
  }
  return [...found.values()];
}

export function enrich(
  tree: Root,
  given: Metadata,
  defaultClassification: Classification,
  fallbackTitle = 'Untitled',
): Enriched {
  const text = plainText(tree);
  // The issue date is in the header: Vietnamese "ngày … tháng … năm …", else a dateline.
  const head = text.slice(0, 3000);
  const all = lines(text);
  const number = given.number ?? findDeclaredNumber(text);
  const typeLine = titleFromTypeLine(all);
  const heading = tree.children.find(
    (node): node is Heading => node.type === 'heading' && node.depth === 1,
  );
  const title =
    given.title ??
    (heading ? toString(heading) : undefined) ??
    typeLine?.title ??
    all[0]?.slice(0, 200) ??
    fallbackTitle;
  const declared = given.relations ?? [];
  const declaredKeys = new Set(declared.map((r) => numberKey(r.target)));
  return {
    title,
    number,
    type:
      given.type ??
      (number ? typeFromNumber(number) : undefined) ??
      typeLine?.type ??
      (all.length === 0 ? 'image' : 'other'),
    issuer: given.issuer ?? issuerFromHeader(all),
    issued: given.issued ?? findVietnameseDate(head) ?? findDateline(head),
    // A photograph has no text; its title still tells the language it is described in.
    language: given.language ?? detectLanguage(text.trim() ? text : title),
    classification: given.classification ?? defaultClassification,
    relations: [
      ...declared,
      ...findCitations(text, number).filter((r) => !declaredKeys.has(numberKey(r.target))),
    ],
  };
}
