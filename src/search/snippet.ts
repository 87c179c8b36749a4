/**
 * The snippet of a hit: about thirty words of its text around the query's
 * words, with the words marked. Meilisearch can crop too, but its crop
 * tokenises the whole attribute of every hit on every query (it tripled search
 * time on one-record-per-document indexes); finding folded words in text the
 * hit already carries costs a fraction of a millisecond. Typos Meilisearch
 * forgave are found but not marked; the snippet then falls back to the start.
 */
import { foldedWords, foldWord, forEachWord } from '../schema/fold.ts';

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

/** `folded`: the text already folded, when the caller has it. */
function tokens(text: string, words: string[], folded = foldWord(text)): Token[] {
  const match = matcher(words);
  // Folding the whole text at once is ten times cheaper than word by word; it
  // keeps every offset when each character folds to one (NFC text, as stored).
  const aligned = folded.length === text.length;
  const seen = new Map<string, number>();
  const result: Token[] = [];
  const source = aligned ? folded : text;
  // A folded word can only match a query word it begins like: most words are
  // told apart by their first letter, without cutting them out of the text.
  const firsts = new Set(words.map((word) => word.charCodeAt(0)));
  forEachWord(source, (start, end) => {
    if (aligned && !firsts.has(source.charCodeAt(start))) {
      result.push({ index: start, length: end - start, word: -1 });
      return;
    }
    const found = source.slice(start, end);
    let word = seen.get(found);
    if (word === undefined) {
      word = words.length > 0 ? match(aligned ? found : foldWord(found)) : -1;
      seen.set(found, word);
    }
    result.push({ index: start, length: end - start, word });
  });
  return result;
}

/** The window of SNIPPET_WORDS tokens holding the most distinct query words, earliest first. */
function bestWindow(
  list: Token[],
  wordCount: number,
): { start: number; covered: number } | undefined {
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
  return best;
}

/** Where a query word occurs: its offset in the text and which word it is. */
interface Occurrence {
  index: number;
  word: number;
}

// Text is folded and searched this many characters at a time, up to a space:
// most hits show their words early, and the rest of the text is never folded.
const CHUNK_CHARS = 4_096;
// About SNIPPET_WORDS words of prose: the span a passage's words are counted in.
const PASSAGE_CHARS = 240;
// Text around the chosen passage that is tokenised to cut the snippet.
const REGION_BEFORE = 200;
const REGION_AFTER = 1_000;

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const isWordChar = (char: string | undefined) => char !== undefined && WORD_CHAR.test(char);

/** Occurrences of the query words in a folded chunk, as `matcher` would accept them. */
function occurrencesIn(folded: string, offset: number, words: string[], out: Occurrence[]): void {
  const last = words.length - 1;
  words.forEach((word, w) => {
    // The last word counts as a prefix too, when it is more than a letter.
    const prefix = w === last && word.length > 1;
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
      if (isWordChar(folded[at - 1])) continue;
      if (!prefix && isWordChar(folded[at + word.length])) continue;
      out.push({ index: offset + at, word: w });
    }
  });
}

/** Whether some PASSAGE_CHARS of the sorted occurrences hold every query word. */
function allInOnePassage(found: Occurrence[], wordCount: number): boolean {
  const countedIn = new Array<number>(wordCount).fill(-1);
  for (let i = 0; i < found.length; i++) {
    const from = found[i]?.index ?? 0;
    let covered = 0;
    for (let j = i; j < found.length && (found[j]?.index ?? 0) < from + PASSAGE_CHARS; j++) {
      const word = found[j]?.word ?? -1;
      if (countedIn[word] !== i) {
        countedIn[word] = i;
        covered++;
      }
    }
    if (covered === wordCount) return true;
  }
  return false;
}

/**
 * The query words' occurrences, sorted, up to the first chunk where one
 * passage holds them all, and the text folded that far; undefined when
 * folding moves offsets (rare: then the whole text is tokenised).
 */
function occurrences(
  text: string,
  words: string[],
): { found: Occurrence[]; folded: string } | undefined {
  const found: Occurrence[] = [];
  let foldedSoFar = '';
  for (let from = 0; from < text.length;) {
    const space = text.indexOf(' ', from + CHUNK_CHARS);
    const to = space === -1 ? text.length : space;
    const chunk = text.slice(from, to);
    const folded = foldWord(chunk);
    if (folded.length !== chunk.length) return undefined;
    foldedSoFar += folded;
    occurrencesIn(folded, from, words, found);
    found.sort((a, b) => a.index - b.index);
    if (allInOnePassage(found, words.length)) break;
    from = to;
  }
  return { found, folded: foldedSoFar };
}

/** Spans of text around occurrences close enough to share a snippet, cut at spaces. */
function regions(text: string, found: Occurrence[]): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  for (const { index } of found) {
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - REGION_BEFORE)));
    const after = text.indexOf(' ', index + REGION_AFTER);
    const to = after === -1 ? text.length : after;
    const last = spans.at(-1);
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else spans.push({ from, to });
  }
  return spans;
}

interface Cut {
  list: Token[];
  window: { start: number; covered: number } | undefined;
  from: number;
  to: number;
}

/** Tokens of text[from, to), with offsets in the whole text, and their best window. */
function cut(text: string, words: string[], from: number, to: number, folded?: string): Cut {
  const part = text.slice(from, to);
  const foldedPart = folded && to <= folded.length ? folded.slice(from, to) : undefined;
  const list = tokens(part, words, foldedPart).map((token) => ({
    ...token,
    index: token.index + from,
  }));
  return { list, window: bestWindow(list, words.length), from, to };
}

/**
 * Only the text around the query's words is tokenised: the windows are those
 * of the whole text, since a window of thirty words never spans two regions.
 */
function bestCut(text: string, words: string[]): Cut {
  // Without a query the opening words are all there is to show: thirty words fit in far less.
  const opening = () => cut(text, words, 0, Math.min(text.length, OPENING_CHARS));
  if (words.length === 0) return opening();
  const scanned = occurrences(text, words);
  if (scanned === undefined) return cut(text, words, 0, text.length);
  let best: Cut | undefined;
  for (const region of regions(text, scanned.found)) {
    const candidate = cut(text, words, region.from, region.to, scanned.folded);
    const covered = candidate.window?.covered ?? 0;
    if (!best || covered > (best.window?.covered ?? 0)) best = candidate;
    if (covered === words.length) break;
  }
  if (!best?.window) return { ...opening(), window: undefined };
  return best;
}

/** The snippet of `text` for `query`: around its words, else its first words. */
export function snippetOf(text: string, query: string): Snippet {
  const words = queryWords(query);
  const { list, window, from, to } = bestCut(text, words);
  const start = window?.start ?? 0;
  const shown = list.slice(start, start + SNIPPET_WORDS);
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last) return { text: '', offset: undefined };
  let out = start > 0 || from > 0 ? '…' : '';
  let position = first.index;
  for (const token of shown) {
    out += text.slice(position, token.index);
    const word = text.slice(token.index, token.index + token.length);
    out += token.word === -1 ? word : `${MARK_START}${word}${MARK_END}`;
    position = token.index + token.length;
  }
  if (start + SNIPPET_WORDS < list.length || to < text.length) out += '…';
  const offset = window === undefined ? undefined : shown.find((t) => t.word !== -1)?.index;
  return { text: out.replace(/\s+/g, ' ').trim(), offset };
}

/** Whether any word of `text` matches the query (headings, titles). */
export function mentions(text: string, query: string): boolean {
  return tokens(text, queryWords(query)).some((token) => token.word !== -1);
}
