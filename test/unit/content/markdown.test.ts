import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
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
            {
              type: 'tableRow',
              children: [{ type: 'tableCell', children: [{ type: 'text', value: 'Số' }] }],
            },
            {
              type: 'tableRow',
              children: [{ type: 'tableCell', children: [{ type: 'text', value: '57' }] }],
            },
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

describe('stringifyMarkdown escapes text exactly as remark-stringify does', () => {
  // Values that need escaping at a line start, inside a line, beside other nodes or in a label.
  const values = [
    '1. không phải danh sách',
    '2) cũng không',
    '# không phải tiêu đề',
    '* a',
    '+ b',
    '- c',
    '> d',
    '=== e',
    'a_b_c và *sao* và _gạch_',
    '[z](w) và ![i](j)',
    '<div> và &amp; và &#x61;',
    'a\\b và \\*',
    'cuối có dấu cách ',
    ' đầu có dấu cách',
    '`mã` và ``hai``',
    'tab\tở giữa',
    'dòng một\ndòng hai',
    'http://a.vn và www.b.vn và c@d.vn',
    'chỉ có chữ và số 57',
  ];
  const style = { bullet: '-', emphasis: '_', rule: '-' } as const;
  const plainWriter = unified().use(remarkStringify, style);
  const gfmWriter = unified().use(remarkGfm).use(remarkStringify, style);
  const contexts = (value: string): Root['children'] => [
    { type: 'heading', depth: 2, children: [{ type: 'text', value }] },
    { type: 'paragraph', children: [{ type: 'text', value }] },
    {
      type: 'paragraph',
      children: [
        { type: 'emphasis', children: [{ type: 'text', value: 'x' }] },
        { type: 'text', value },
        { type: 'link', url: 'https://a.vn', children: [{ type: 'text', value }] },
        { type: 'text', value },
        { type: 'strong', children: [{ type: 'text', value }] },
      ],
    },
    {
      type: 'list',
      children: [
        {
          type: 'listItem',
          children: [{ type: 'paragraph', children: [{ type: 'text', value }] }],
        },
      ],
    },
  ];

  it.each(values)('%j', (value) => {
    const plain: Root = { type: 'root', children: contexts(value) };
    const expected = plainWriter.stringify(plain);
    // The commonmark writer where its output reads back without GFM, as stringifyMarkdown chooses.
    if (!/\||~~|\[\^/.test(expected)) expect(stringifyMarkdown(plain)).toBe(expected);
    const table: Root = {
      type: 'root',
      children: [
        ...contexts(value),
        {
          type: 'table',
          children: [
            {
              type: 'tableRow',
              children: [{ type: 'tableCell', children: [{ type: 'text', value }] }],
            },
          ],
        },
      ],
    };
    expect(stringifyMarkdown(table)).toBe(gfmWriter.stringify(table));
  });
});
