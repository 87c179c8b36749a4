import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, stringifyMarkdown } from '../../../src/content/markdown.ts';

const paragraph = (value: string): Root => ({
  type: 'root',
  children: [{ type: 'paragraph', children: [{ type: 'text', value }] }],
});

describe('stringifyMarkdown', () => {
  it('writes a table as a GFM table that reads back as one', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'table',
          children: [
            { type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: 'Số' }] }] },
            { type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: '57' }] }] },
          ],
        },
      ],
    };
    const markdown = stringifyMarkdown(tree);
    expect(markdown).toMatch(/^\| Số \|\n\| -+ \|\n\| 57 \|/);
    expect(parseMarkdown(markdown).children[0]?.type).toBe('table');
  });

  it('keeps text that looks like GFM syntax as text when read back', () => {
    for (const value of ['giảm ~~một nửa~~ chi phí', 'cột A | cột B', 'xem [^1] dưới']) {
      const back = parseMarkdown(stringifyMarkdown(paragraph(value)));
      expect(back.children).toHaveLength(1);
      expect(back.children[0]?.type).toBe('paragraph');
      expect(toString(back)).toBe(value);
    }
  });

  it('writes plain text without GFM escapes, and it reads back the same', () => {
    const value = 'Nghị quyết số 57-NQ/TW, xem https://vanban.gov.vn (mục 2)';
    const markdown = stringifyMarkdown(paragraph(value));
    expect(markdown).toBe(`${value}\n`);
    expect(toString(parseMarkdown(markdown))).toBe(value);
  });
});
