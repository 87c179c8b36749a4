import { describe, expect, it } from 'vitest';
import {
  dublinCore,
  jsonLdText,
  schemaOrg,
  type Described,
} from '../../../src/schema/crosswalk.ts';

const doc: Described = {
  id: '57-nq-tw-0d95ad6a22',
  title: 'Nghị quyết về đột phá phát triển khoa học </script><script>alert(1)</script>',
  type: 'resolution',
  language: 'vi',
  number: '57-NQ/TW',
  issuer: 'Bộ Chính trị',
  issued: '2024-12-22',
  summary: undefined,
  subjects: ['khoa học'],
  status: 'in-force',
};
const permalink = 'https://vankho.example/documents/57-nq-tw-0d95ad6a22';

describe('crosswalks', () => {
  it('describes a resolution as schema.org Legislation in force', () => {
    expect(schemaOrg(doc, permalink, 'Văn khố')).toMatchObject({
      '@type': 'Legislation',
      '@id': permalink,
      legislationIdentifier: '57-NQ/TW',
      legislationDate: '2024-12-22',
      legislationPassedBy: { '@type': 'Organization', name: 'Bộ Chính trị' },
      legislationLegalForce: 'https://schema.org/InForce',
      keywords: ['khoa học'],
    });
    const report = schemaOrg({ ...doc, type: 'report' }, permalink, 'Văn khố');
    expect(report).toMatchObject({ '@type': 'Report', identifier: '57-NQ/TW' });
    expect(report).not.toHaveProperty('legislationIdentifier');
  });

  it('writes JSON-LD that cannot close its script element', () => {
    const text = jsonLdText(schemaOrg(doc, permalink, 'Văn khố'));
    expect(text).not.toContain('<');
    expect((JSON.parse(text) as { name: string }).name).toBe(doc.title);
  });

  it('gives Dublin Core the permalink and the number as identifiers', () => {
    expect(dublinCore(doc, permalink)).toEqual({
      title: doc.title,
      creator: 'Bộ Chính trị',
      subject: ['khoa học'],
      description: undefined,
      date: '2024-12-22',
      type: 'resolution',
      identifier: [permalink, '57-NQ/TW'],
      language: 'vi',
    });
  });
});
