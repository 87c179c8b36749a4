import { describe, expect, it } from 'vitest';
import { splitParts } from '../../../src/content/parts.ts';

describe('splitParts', () => {
  it('keeps a document of ordinary length whole', () => {
    const body = '# Điều 1\n\nNội dung.\n';
    expect(splitParts(body)).toEqual([body]);
  });

  it('cuts a long body at block boundaries, before headings, and loses nothing', () => {
    const blocks = Array.from({ length: 400 }, (_, i) =>
      i % 40 === 0 ? `## Chương ${String(i / 40)}\n` : `Đoạn ${String(i)} ${'chữ '.repeat(20)}\n`,
    );
    const body = blocks.join('\n');
    const parts = splitParts(body, 4000);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join('')).toBe(body);
    for (const part of parts.slice(1)) {
      // Each part starts a block: never inside a paragraph.
      expect(part.startsWith('## ') || /^Đoạn \d+/.test(part), part.slice(0, 30)).toBe(true);
    }
    for (const part of parts) expect(part.length).toBeLessThan(4000 * 2);
  });

  it('never cuts inside a fenced code block, even at a blank line', () => {
    const code = [
      '```',
      ...Array.from({ length: 50 }, (_, i) => `line ${String(i)}\n`),
      '```',
    ].join('\n');
    const body = `${'a '.repeat(1000)}\n\n${code}\n\nafter\n`;
    const parts = splitParts(body, 500);
    expect(parts.join('')).toBe(body);
    expect(
      parts.filter((part) => part.includes('```')).every((part) => part.split('```').length === 3),
    ).toBe(true);
  });

  it('cuts a single enormous paragraph anyway, so that no part is unbounded', () => {
    const body = 'x'.repeat(100_000);
    const parts = splitParts(body, 1000);
    expect(parts.join('')).toBe(body);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(4000);
  });
});
