/**
 * What machines read from a document page's head: Dublin Core meta tags (the
 * same record OAI-PMH harvests), and with a permalink the canonical link and
 * schema.org JSON-LD.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { dublinCore, jsonLdText, schemaOrg, type Described } from '../../schema/crosswalk.ts';

export function documentHead(
  doc: Described,
  permalink: string | undefined,
  siteName: string,
): Element[] {
  const dc = dublinCore(doc, permalink);
  const tags: [string, string | undefined][] = [
    ['DC.title', dc.title],
    ['DC.creator', dc.creator],
    ...dc.subject.map((subject): [string, string] => ['DC.subject', subject]),
    ['DC.description', dc.description],
    ['DC.date', dc.date],
    ['DC.type', dc.type],
    ...dc.identifier.map((identifier): [string, string] => ['DC.identifier', identifier]),
    ['DC.language', dc.language],
  ];
  return [
    h('link', { rel: 'schema.DC', href: 'http://purl.org/dc/elements/1.1/' }),
    ...(permalink ? [h('link', { rel: 'canonical', href: permalink })] : []),
    ...tags.flatMap(([name, content]) => (content ? [h('meta', { name, content })] : [])),
    ...(permalink
      ? [
          h('script', { type: 'application/ld+json' }, [
            { type: 'raw', value: jsonLdText(schemaOrg(doc, permalink, siteName)) } as never,
          ]),
        ]
      : []),
  ];
}
