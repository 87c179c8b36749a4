/**
 * A long document is read in parts: a page, an API answer or an index record
 * never parses more than one part, so a 50 MB body costs what a 200 KB one
 * does. Parts end at a block boundary (a blank line outside a fenced code
 * block), before a heading where one comes soon enough, so that each part is
 * Markdown that parses on its own. This only finds where blocks end; the
 * parts themselves are parsed by unified like any other Markdown.
 */

/** Characters per part: far more than nearly every document, small enough to render quickly. */
export const PART_CHARS = 200_000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(\s|$)/;

/** Where each part starts, as offsets into `body`; one part for a body up to `size` characters. */
export function partOffsets(body: string, size = PART_CHARS): number[] {
  const starts = [0];
  if (body.length <= size) return starts;
  let fence: string | undefined;
  let start = 0;
  let lastBlank = -1;
  let position = 0;
  while (position < body.length) {
    const end = body.indexOf('\n', position);
    const next = end === -1 ? body.length : end + 1;
    const line = body.slice(position, end === -1 ? body.length : end);
    const marker = FENCE.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
    }
    if (fence === undefined) {
      const length = position - start;
      // A heading past half a part starts the next one; else the last blank line past a part.
      if (HEADING.test(line) && length >= size / 2 && lastBlank >= start) {
        starts.push(position);
        start = position;
      } else if (line.trim() === '') {
        lastBlank = next;
        if (length >= size) {
          starts.push(next);
          start = next;
        }
      }
    }
    // A part with no boundary at all (one huge paragraph, line or code block) is cut
    // where it is, at a space when there is one: no part grows without bound.
    if (next - start > size * 4) {
      const limit = start + size * 4;
      const space = body.lastIndexOf(' ', limit);
      const cut = space > start + size ? space + 1 : limit;
      starts.push(cut);
      start = cut;
      position = Math.max(cut, position);
      if (cut < next) continue;
    }
    position = next;
  }
  if ((starts.at(-1) ?? 0) >= body.length) starts.pop();
  return starts;
}

/** The parts of a body, in order. */
export function splitParts(body: string, size = PART_CHARS): string[] {
  const starts = partOffsets(body, size);
  return starts.map((start, i) => body.slice(start, starts[i + 1] ?? body.length));
}
