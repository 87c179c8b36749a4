import { describe, expect, it } from 'vitest';
import { toRecord } from '../../../src/meili/records.ts';
import type { ArchiveDocument } from '../../../src/schema/document.ts';

const meta: ArchiveDocument = {
  id: 'nq-57-abc123',
  title: 'Nghị quyết về đột phá phát triển khoa học',
  number: '57-NQ/TW',
  type: 'resolution',
  issuer: 'Bộ Chính trị',
  issued: '2024-12-22',
  status: 'in-force',
  language: 'vi',
  classification: 'internal',
  subjects: ['khoa học'],
  relations: [{ type: 'cites', target: '36-NQ/TW', id: 'nq-36-def456' }],
  inputHash: 'x',
  sources: [
    {
      path: 'bct/57.md',
      sha256: 'a'.repeat(64),
      size: 10,
      format: 'md',
      ingestedAt: '2026-01-02T03:04:05.000Z',
    },
  ],
};
const body = '## Điều 1\n\nPhát triển khoa học, công nghệ và đổi mới sáng tạo.\n';

describe('index records', () => {
  it('carry a document’s text and say it is not withdrawn', () => {
    const record = toRecord({ meta, body });
    expect(record.withdrawn).toBe(false);
    expect(record.text).toContain('đổi mới sáng tạo');
    expect(record.numberKeys.length).toBeGreaterThan(0);
  });

  it('keep of a withdrawn document its tombstone only: no text, no number look-up, no links', () => {
    const at = '2026-11-30T05:00:00.000Z';
    const record = toRecord({ meta: { ...meta, withdrawn: { at, reason: 'trùng lặp' } }, body });
    expect(record).toMatchObject({
      docId: meta.id,
      title: meta.title,
      classification: ['internal'],
      withdrawn: true,
      text: '',
      more: '',
      headings: [],
      numberKeys: [],
      relationLinks: [],
      // Harvesters learn of the deletion at its time.
      datestampTs: Date.parse(at) / 1000,
    });
  });
});
