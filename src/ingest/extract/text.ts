/** Plain text: decoded strictly, then split into paragraphs and recognised headings. */
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { decodeBytes } from './decode.ts';
import type { Extractor } from './types.ts';

// The structure of Vietnamese legal texts: Phần > Chương > Mục > Điều, and I./II. parts.
const HEADING_PATTERNS: readonly [RegExp, Heading['depth']][] = [
  [/^Phần\s+(thứ\s+)?[\p{L}\d]+\b/u, 2],
  [/^Chương\s+[IVXLC\d]+\b/u, 2],
  [/^[IVXLC]+\.\s+\S/u, 2],
  [/^Mục\s+\d+\b/u, 3],
  [/^Điều\s+\d+\b/u, 3],
];

/** The depth of a line that opens a section of a Vietnamese legal text, if it does. */
export function headingDepth(line: string): Heading['depth'] | undefined {
  return HEADING_PATTERNS.find(([pattern]) => pattern.test(line))?.[1];
}

/** Blank-line separated blocks become paragraphs; a block opening with a section title, a heading. */
export function textToTree(text: string): Root {
  const children: RootContent[] = [];
  // Line breaks inside a block are kept: header blocks and verse depend on them.
  const paragraph = (lines: string[]): Paragraph => ({
    type: 'paragraph',
    children: lines.flatMap((value, i) =>
      i === 0
        ? [{ type: 'text' as const, value }]
        : [{ type: 'break' as const }, { type: 'text' as const, value }],
    ),
  });
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = block
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const first = lines[0];
    if (first === undefined) continue;
    const depth = headingDepth(first);
    if (depth === undefined) {
      children.push(paragraph(lines));
    } else {
      children.push({ type: 'heading', depth, children: [{ type: 'text', value: first }] });
      if (lines.length > 1) children.push(paragraph(lines.slice(1)));
    }
  }
  return { type: 'root', children };
}

export const extractText: Extractor = (bytes) => ({
  format: 'txt',
  tree: textToTree(decodeBytes(bytes).text),
});
