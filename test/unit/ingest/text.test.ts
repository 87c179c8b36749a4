import { describe, expect, it } from 'vitest';
import { textToTree } from '../../../src/ingest/extract/text.ts';
import { stringifyMarkdown as toMarkdown } from '../../../src/content/markdown.ts';

describe('textToTree', () => {
  it('turns the sections of a legal text into headings, and keeps line breaks', () => {
    const tree = textToTree(
      'BỘ CHÍNH TRỊ\nSố: 57-NQ/TW\n\nChương I\nQuy định chung\n\nĐiều 1. Phạm vi\n\nNội dung.\n',
    );
    expect(toMarkdown(tree)).toBe(
      'BỘ CHÍNH TRỊ\\\nSố: 57-NQ/TW\n\n## Chương I\n\nQuy định chung\n\n### Điều 1. Phạm vi\n\nNội dung.\n',
    );
  });
});
