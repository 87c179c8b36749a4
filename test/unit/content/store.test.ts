import { describe, expect, it } from 'vitest';
import {
  parseDocument,
  serializeDocument,
  type StoredDocument,
} from '../../../src/content/store.ts';
import { sections, renderHtml } from '../../../src/content/render.ts';

const doc: StoredDocument = {
  meta: {
    id: 'nq-57-abcdef0123',
    title: 'Nghị quyết\nclassification: public',
    type: 'resolution',
    status: 'in-force',
    language: 'vi',
    classification: 'secret',
    subjects: ['khoa học'],
    relations: [],
    inputHash: 'x',
    sources: [
      {
        path: 'a.md',
        sha256: 'a'.repeat(64),
        size: 1,
        format: 'md',
        ingestedAt: '2024-01-01T00:00:00.000Z',
      },
    ],
  },
  body: '# Nghị quyết\n\n## Điều 1. Phạm vi\n\nMột.\n\n## Điều 1. Phạm vi\n\nHai <script>alert(1)</script>\n',
};

describe('document files', () => {
  it('round-trips, and a value can never inject a key', () => {
    const parsed = parseDocument(serializeDocument(doc), 'x.md');
    expect(parsed.meta).toEqual(doc.meta);
    expect(parsed.meta.classification).toBe('secret');
    expect(parsed.body).toBe(doc.body);
  });

  it('names the file and field when front matter is wrong', () => {
    const text = serializeDocument(doc).replace('type: resolution', 'type: poem');
    expect(() => parseDocument(text, 'documents/ab/x.md')).toThrow(
      /documents\/ab\/x\.md: field "type"/,
    );
  });
});

describe('rendering', () => {
  it('gives sections and headings the same unique anchors', () => {
    const anchors = sections(doc.body).map((s) => s.anchor);
    expect(anchors).toEqual(['nghi-quyet', 'dieu-1-pham-vi', 'dieu-1-pham-vi-1']);
    const html = renderHtml(doc.body);
    for (const anchor of anchors) expect(html).toContain(`id="${anchor}"`);
  });

  it('strips scripts', () => {
    expect(renderHtml(doc.body)).not.toContain('<script');
  });
});
