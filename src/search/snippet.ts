/**
 * The snippet of a hit: about thirty words of its text around the query's
 * words, with the words marked. Meilisearch can crop too, but its crop
 * tokenises the whole attribute of every hit on every query (it tripled search
 * time on one-record-per-document indexes); finding folded words in text the
 * hit already carries costs a fraction of a millisecond. Typos Meilisearch
 * forgave are found but not marked; the snippet then falls back to the start.
 */
import { foldedWords, foldWord, WORD } from '../schema/fold.ts';

// Control characters never occur in indexed text, so they mark matches safely
// until the snippet has been escaped.
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Words in a snippet, as Meilisearch's `cropLength` counted them. */
export const SNIPPET_WORDS = 30;
// Words of context shown before the first match.
const LEAD_WORDS = 4;
const OPENING_CHARS = 1_000;

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

interface Token {
  index: number;
  length: number;
  /** Which query word it matches, -1 for none. */
  word: number;
}

/**
 * A word (folded) matches a query word it equals; the last query word also
 * matches as a prefix, as Meilisearch searches it while it is being typed.
 */
function matcher(words: string[]): (folded: string) => number {
  const last = words.length - 1;
  return (folded) => {
    const exact = words.indexOf(folded);
    if (exact !== -1) return exact;
    const prefix = words[last];
    return prefix !== undefined && prefix.length > 1 && folded.startsWith(prefix) ? last : -1;
  };
}

function tokens(text: string, words: string[]): Token[] {
  const match = matcher(words);
  // Folding the whole text at once is ten times cheaper than word by word; it
  // keeps every offset when each character folds to one (NFC text, as stored).
  const folded = foldWord(text);
  const aligned = folded.length === text.length;
  const seen = new Map<string, number>();
  const result: Token[] = [];
  for (const found of (aligned ? folded : text).matchAll(WORD)) {
    let word = seen.get(found[0]);
    if (word === undefined) {
      word = words.length > 0 ? match(aligned ? found[0] : foldWord(found[0])) : -1;
      seen.set(found[0], word);
    }
    result.push({ index: found.index, length: found[0].length, word });
  }
  return result;
}

/** The window of SNIPPET_WORDS tokens holding the most distinct query words, earliest first. */
function bestStart(list: Token[], wordCount: number): number | undefined {
  let best: { start: number; covered: number } | undefined;
  // Which window last counted each query word: no set allocated per window.
  const countedIn = new Array<number>(wordCount).fill(-1);
  for (let i = 0; i < list.length; i++) {
    if (list[i]?.word === -1) continue;
    const start = Math.max(0, i - LEAD_WORDS);
    let covered = 0;
    for (let j = start; j < Math.min(list.length, start + SNIPPET_WORDS); j++) {
      const word = list[j]?.word ?? -1;
      if (word !== -1 && countedIn[word] !== i) {
        countedIn[word] = i;
        covered++;
      }
    }
    if (!best || covered > best.covered) best = { start, covered };
    if (covered === wordCount) break; // every word in view: nothing earlier-and-better remains
  }
  return best?.start;
}

/** The snippet of `text` for `query`: around its words, else its first words. */
export function snippetOf(text: string, query: string): Snippet {
  const words = queryWords(query);
  // Without a query the opening words are all there is to find: thirty words fit in far less.
  const source = words.length === 0 ? text.slice(0, OPENING_CHARS) : text;
  const list = tokens(source, words);
  const found = bestStart(list, words.length);
  const start = found ?? 0;
  const shown = list.slice(start, start + SNIPPET_WORDS);
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last) return { text: '', offset: undefined };
  let out = start > 0 ? '…' : '';
  let position = first.index;
  for (const token of shown) {
    out += text.slice(position, token.index);
    const word = text.slice(token.index, token.index + token.length);
    out += token.word === -1 ? word : `${MARK_START}${word}${MARK_END}`;
    position = token.index + token.length;
  }
  if (start + SNIPPET_WORDS < list.length || source.length < text.length) out += '…';
  const offset = found === undefined ? undefined : shown.find((t) => t.word !== -1)?.index;
  return { text: out.replace(/\s+/g, ' ').trim(), offset };
}

/** Whether any word of `text` matches the query (headings, titles). */
export function mentions(text: string, query: string): boolean {
  return tokens(text, queryWords(query)).some((token) => token.word !== -1);
}
