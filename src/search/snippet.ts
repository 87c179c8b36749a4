/**
 * The snippet of a hit: about thirty words of its text around the query's
 * words, with the words marked. Meilisearch can crop too, but its crop
 * tokenises the whole attribute of every hit on every query (it tripled search
 * time on one-record-per-document indexes). Here one regular expression finds
 * the query's words in any spelling in the text as stored, and only the thirty
 * words shown are walked. Typos Meilisearch forgave are found but not marked;
 * the snippet then falls back to the start.
 */
import { foldedWords, isWordAt, spellingPattern } from '../schema/fold.ts';

// Control characters never occur in indexed text, so they mark matches safely
// until the snippet has been escaped.
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Words in a snippet, as Meilisearch's `cropLength` counted them. */
export const SNIPPET_WORDS = 30;
// Words of context shown before the first match.
const LEAD_WORDS = 4;
// Occurrences are looked for this many characters at a time: most hits show
// their words early, and the rest of the text is never scanned.
const CHUNK_CHARS = 4_096;
// More than SNIPPET_WORDS words of prose span: occurrences further apart never share a window.
const PASSAGE_CHARS = 400;
// Past the passage chosen, occurrences are still collected this far, to mark
// every query word the snippet shows.
const SHOWN_CHARS = 2_000;

/** The query's words as the index compares them: folded, lower case, each once. */
export function queryWords(query: string): string[] {
  return [...new Set(foldedWords(query))];
}

export interface Snippet {
  /** Plain text with matches between MARK_START and MARK_END (not yet escaped). */
  text: string;
  /** Offset in the source text of the first match shown; undefined when nothing matched. */
  offset: number | undefined;
}

/** Where a query word occurs: its offset in the text and which word it is. */
interface Occurrence {
  index: number;
  /** Its length in the text (the last query word may start a longer word). */
  length: number;
  word: number;
}

const NOT_BEFORE_WORD = '(?![\\p{L}\\p{M}\\p{N}])';
// The expression of the last query seen: a page's twenty hits share it.
let lastFinder: { words: string; finder: RegExp } | undefined;

/**
 * One expression for the query words in any spelling: group i + 1 is word i,
 * whole, but the last (of two letters or more) may start a longer word, as
 * Meilisearch searches it while it is being typed. The character before a
 * match is checked by `occurrences`: a look-behind would be tried everywhere.
 */
function finder(words: string[]): RegExp {
  const key = words.join(' ');
  if (lastFinder?.words !== key) {
    const last = words.length - 1;
    const alternatives = words.map(
      (word, i) =>
        `(${spellingPattern(word)})${i === last && word.length > 1 ? '' : NOT_BEFORE_WORD}`,
    );
    lastFinder = { words: key, finder: new RegExp(alternatives.join('|'), 'gu') };
  }
  lastFinder.finder.lastIndex = 0;
  return lastFinder.finder;
}

/**
 * The query words' occurrences in order: up to the first chunk where one
 * passage holds them all, and SHOWN_CHARS beyond; all of them with `all`.
 */
function occurrences(text: string, words: string[], all = true): Occurrence[] {
  const found: Occurrence[] = [];
  const find = finder(words);
  let checkAt = CHUNK_CHARS;
  let stopAt = Infinity;
  for (let match = find.exec(text); match && match.index < stopAt; match = find.exec(text)) {
    if (match.index >= checkAt && stopAt === Infinity && !all) {
      const passage = bestPassage(text, found, words.length);
      if (passage?.covered === words.length) stopAt = passage.index + SHOWN_CHARS;
      checkAt = match.index + CHUNK_CHARS;
    }
    if (match.index > 0 && isWordAt(text, match.index - 1)) {
      find.lastIndex = match.index + 1;
      continue;
    }
    let word = 0;
    while (word < words.length - 1 && match[word + 1] === undefined) word++;
    found.push({ index: match.index, length: match[0].length, word });
  }
  return found;
}

/**
 * The occurrence whose window (it and the next SNIPPET_WORDS - LEAD_WORDS
 * words) holds the most distinct query words, the earliest of equals; only
 * occurrences PASSAGE_CHARS apart may share a window, so others are not walked.
 */
function bestPassage(
  text: string,
  found: Occurrence[],
  wordCount: number,
): { index: number; covered: number } | undefined {
  let best: { index: number; covered: number } | undefined;
  const countedIn = new Array<number>(wordCount).fill(-1);
  for (let i = 0; i < found.length; i++) {
    const from = found[i]?.index ?? 0;
    const coveredUpTo = (end: number, mark: number) => {
      let covered = 0;
      for (let j = i; j < found.length && (j === i || (found[j]?.index ?? 0) < end); j++) {
        const word = found[j]?.word ?? -1;
        if (countedIn[word] !== mark) {
          countedIn[word] = mark;
          covered++;
        }
      }
      return covered;
    };
    // Counted by characters first, an upper bound: the window's words are walked only when
    // it could do better than the best so far.
    let covered = coveredUpTo(from + PASSAGE_CHARS, 2 * i);
    if (covered > 1 && covered > (best?.covered ?? 0)) {
      const end = wordsFrom(text, from, SNIPPET_WORDS - LEAD_WORDS).words.at(-1)?.end ?? from;
      covered = coveredUpTo(end, 2 * i + 1);
    }
    if (!best || covered > best.covered) best = { index: from, covered };
    if (covered === wordCount) break;
  }
  return best;
}

/** Where the word `count` words before `index` starts; `index` when none is before it. */
function wordsBack(text: string, index: number, count: number): number {
  let start = index;
  for (let seen = 0; seen < count; seen++) {
    let i = start - 1;
    while (i >= 0 && !isWordAt(text, i)) i--;
    if (i < 0) break;
    while (i >= 0 && isWordAt(text, i)) i--;
    start = i + 1;
  }
  return start;
}

/** The first `count` words from `from`: their starts and ends, and whether a word follows. */
function wordsFrom(
  text: string,
  from: number,
  count: number,
): { words: { start: number; end: number }[]; more: boolean } {
  const words: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = from; i < text.length; i++) {
    if (isWordAt(text, i)) {
      if (start !== -1) continue;
      if (words.length === count) return { words, more: true };
      start = i;
    } else if (start !== -1) {
      words.push({ start, end: i });
      start = -1;
    }
  }
  if (start !== -1) words.push({ start, end: text.length });
  return { words, more: false };
}

/** Thirty words from `from`, those starting at an occurrence marked. */
function cut(text: string, from: number, found: Occurrence[]): Snippet {
  const { words, more } = wordsFrom(text, from, SNIPPET_WORDS);
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return { text: '', offset: undefined };
  let before = first.start - 1;
  while (before >= 0 && !isWordAt(text, before)) before--;
  let out = before >= 0 ? '…' : '';
  let position = first.start;
  let next = found.findIndex((occurrence) => occurrence.index >= first.start);
  let offset: number | undefined;
  for (const { start, end } of words) {
    while (next !== -1 && next < found.length && (found[next]?.index ?? 0) < start) next++;
    out += text.slice(position, start);
    if (next !== -1 && found[next]?.index === start) {
      out += `${MARK_START}${text.slice(start, end)}${MARK_END}`;
      offset ??= start;
    } else out += text.slice(start, end);
    position = end;
  }
  if (more) out += '…';
  return { text: out.replace(/\s+/g, ' ').trim(), offset };
}

/** The snippet of `text` for `query`: around its words, else its first words. */
export function snippetOf(text: string, query: string): Snippet {
  // The text is composed (NFC), as records store it (meili/records.ts): the expression
  // misses words spelled with combining marks, whose snippet is then the opening.
  const words = queryWords(query);
  const found = words.length > 0 ? occurrences(text, words, false) : [];
  const passage = bestPassage(text, found, words.length);
  const snippet = passage
    ? cut(text, wordsBack(text, passage.index, LEAD_WORDS), found)
    : { ...cut(text, 0, []), offset: undefined };
  return snippet;
}

/** `text` (short: a title) with every query word in it marked. */
export function highlight(text: string, query: string): string {
  const words = queryWords(query);
  if (words.length === 0) return text;
  let out = '';
  let position = 0;
  for (const { index, length } of occurrences(text, words)) {
    out += `${text.slice(position, index)}${MARK_START}${text.slice(index, index + length)}${MARK_END}`;
    position = index + length;
  }
  return out + text.slice(position);
}

/** Whether any word of `text` matches the query (headings, titles). */
export function mentions(text: string, query: string): boolean {
  const words = queryWords(query);
  return words.length > 0 && occurrences(text.normalize('NFC'), words).length > 0;
}
