/**
 * The document page's parts as hast, rendered by the live page (through
 * `set:html`) and by the offline edition alike: one presentation, two hosts.
 * The data-pagefind-* attributes say what Pagefind indexes and filters on,
 * wherever the page is indexed. What repeats words found elsewhere (the
 * contents, which repeat the headings; relations and their graph, which give
 * other documents' titles; the citation) is left out: a page should match
 * for its own words, and every repeated word is a position more in the
 * index chunk a first search downloads.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { CITATION_FORMATS, type CitationFormat } from '../../export/citation.ts';
import { yearOf } from '../../schema/document.ts';
import type { DocumentModel, LinkedDocument } from './model.ts';
import { relationGraph } from './graph.ts';

const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent;

/** The metadata rows: label, value, and the Pagefind filter the value feeds. */
function metadataRows({
  meta,
  ui,
}: DocumentModel): [string, string | undefined, (string | undefined)?][] {
  const { t, facetLabel, formatDay } = ui;
  const year = yearOf(meta);
  return [
    [t('doc.number'), meta.number],
    [t('doc.type'), facetLabel('type', meta.type), 'type'],
    [t('doc.issuer'), meta.issuer, 'issuer'],
    [
      t('doc.issued'),
      meta.issued && formatDay(meta.issued),
      year === undefined ? undefined : `year:${String(year)}`,
    ],
    [t('doc.effective'), meta.effective && formatDay(meta.effective)],
    [t('doc.expires'), meta.expires && formatDay(meta.expires)],
    [t('doc.status'), facetLabel('status', meta.status)],
    [t('doc.language'), facetLabel('language', meta.language), 'language'],
    [t('doc.classification'), facetLabel('classification', meta.classification)],
    [t('doc.subjects'), meta.subjects.join('; ') || undefined],
    [t('doc.collection'), meta.collection, 'collection'],
    [t('doc.pages'), meta.pages === undefined ? undefined : String(meta.pages)],
    [
      t('doc.ocr'),
      meta.ocr &&
        [
          t('doc.ocr.summary', {
            engine: meta.ocr.engine,
            languages: meta.ocr.languages,
            confidence: meta.ocr.confidence,
          }),
          meta.ocr.lowConfidencePages.length > 0
            ? t('doc.ocr.review', { pages: meta.ocr.lowConfidencePages.join(', ') })
            : '',
        ]
          .filter(Boolean)
          .join('. '),
    ],
  ];
}

function linkList(links: LinkedDocument[]): (Element | string)[] {
  return links.flatMap((link, i) => [
    ...(i > 0 ? [', '] : []),
    h('a', { href: link.url ?? undefined }, [link.target, link.title].filter(Boolean).join(' — ')),
  ]);
}

/** What staff must see before reading: the document is classified, or no longer applies. */
function banners(model: DocumentModel): Element[] {
  const { meta, ui, relations } = model;
  const { t, facetLabel } = ui;
  const out: Element[] = [];
  if (model.current) {
    const at = meta.sources[0]?.ingestedAt;
    out.push(
      h('p.banner.banner-version', { role: 'note' }, [
        t('doc.banner.earlier', {
          version: meta.version ?? 1,
          date: at ? ui.formatInstant(at) : '',
        }),
        ' ',
        h(
          'a',
          { href: model.current.href },
          t('doc.banner.current', { version: model.current.version }),
        ),
      ]),
    );
  }
  if (meta.classification !== 'public') {
    out.push(
      h(
        'p.banner.banner-classified',
        { role: 'note' },
        t('doc.banner.classified', { level: facetLabel('classification', meta.classification) }),
      ),
    );
  }
  const endings = [
    { key: 'doc.banner.replacedBy' as const, type: 'replaces' },
    { key: 'doc.banner.repealedBy' as const, type: 'repeals' },
  ]
    .map(({ key, type }) => ({ key, links: relations.incoming.filter((l) => l.type === type) }))
    .filter(({ links }) => links.length > 0);
  for (const { key, links } of endings) {
    out.push(h('p.banner', { role: 'note' }, [t(key), ' ', ...linkList(links)]));
  }
  if ((meta.status === 'expired' || meta.status === 'repealed') && endings.length === 0) {
    out.push(
      h(
        'p.banner',
        { role: 'note' },
        t('doc.banner.noLongerApplies', { status: facetLabel('status', meta.status) }),
      ),
    );
  }
  return out;
}

/** Banners, title, metadata, the original, the summary and the contents: above the text. */
export function documentTop(model: DocumentModel): Element[] {
  const { meta, ui, lang, originalHref } = model;
  const { t, formatSize } = ui;
  const original = meta.sources[0];
  const headings = model.sections.filter((section) => section.anchor);
  return [
    ...banners(model),
    h('h1', { lang, 'data-pagefind-meta': 'title' }, meta.title),
    h(
      'dl.metadata',
      metadataRows(model)
        .filter((row): row is [string, string, (string | undefined)?] => Boolean(row[1]))
        .flatMap(([label, value, filter]) => [
          h('dt', label),
          h('dd', { 'data-pagefind-filter': filter }, value),
        ]),
    ),
    ...(model.versionsHref && meta.versions?.length
      ? [
          h(
            'p.versions',
            h(
              'a',
              { href: model.versionsHref },
              t('doc.versions.link', { version: meta.version ?? 1 }),
            ),
          ),
        ]
      : []),
    ...(original && originalHref
      ? [
          h(
            'p.original',
            h(
              'a.download',
              { href: originalHref, download: true },
              t('doc.original', {
                format: (original.path.split('.').pop() ?? original.format).toUpperCase(),
                size: formatSize(original.size),
              }),
            ),
          ),
        ]
      : []),
    ...(meta.summary ? [h('p.summary', { lang }, meta.summary)] : []),
    ...(headings.length > 1
      ? [
          h('nav.toc', { ariaLabel: t('doc.contents'), 'data-pagefind-ignore': '' }, [
            h('h2', t('doc.contents')),
            h(
              'ol',
              { lang },
              headings.map((s) => h('li', h('a', { href: `#${s.anchor}` }, s.heading))),
            ),
          ]),
        ]
      : []),
  ];
}

/** The document's pictures: an image's rendition, or the pages of a scan. */
export function documentFigures({ figures }: DocumentModel): Element[] {
  return figures.map((figure, i) => {
    const img = h('img', {
      src: figure.src,
      width: figure.width,
      height: figure.height,
      alt: figure.alt,
      loading: i > 0 ? 'lazy' : undefined,
    });
    return h('figure.image', [
      figure.href ? h('a', { href: figure.href }, img) : img,
      ...(figure.caption ? [h('figcaption.muted', figure.caption)] : []),
    ]);
  });
}

/** Previous and next part of a long document, read a part at a time. */
function partNav({ part: { number, count }, partHref, ui: { t } }: DocumentModel): Element[] {
  if (count === 1) return [];
  return [
    h('nav.parts', { ariaLabel: t('doc.parts'), 'data-pagefind-ignore': '' }, [
      ...(number > 1
        ? [h('a', { href: partHref(number - 1), rel: 'prev' }, t('doc.part.previous'))]
        : []),
      h('span', t('doc.part', { part: number, parts: count })),
      ...(number < count
        ? [h('a', { href: partHref(number + 1), rel: 'next' }, t('doc.part.next'))]
        : []),
    ]),
  ];
}

function relationList(
  title: string,
  links: LinkedDocument[],
  { t }: DocumentModel['ui'],
): Element[] {
  if (links.length === 0) return [];
  return [
    h('section.relations', { 'data-pagefind-ignore': '' }, [
      h('h2', title),
      h(
        'ul',
        links.map((link) =>
          h('li', [
            h('span.kind', t(`relation.${link.type}`)),
            ' ',
            link.url
              ? h('a', { href: link.url }, link.title ?? link.target)
              : h('span', link.target),
            ...(link.url && link.title && link.target !== link.title
              ? [h('span.muted', ` (${link.target})`)]
              : []),
            ...(link.shared
              ? [
                  ' ',
                  h(
                    'a.muted',
                    { href: link.shared.href },
                    t('doc.sharedNumber', { count: link.shared.count }),
                  ),
                ]
              : []),
          ]),
        ),
      ),
    ]),
  ];
}

const CITATION_LABELS: Record<CitationFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
};

/**
 * "Cite this": the citation as text, a copy button (hidden until a script finds
 * a writable clipboard) and, where they can be had, the citation as files.
 */
function citeBox({ citation, citeHref, ui: { t } }: DocumentModel): Element {
  return h('section.cite', { ariaLabelledBy: 'cite-heading', 'data-pagefind-ignore': '' }, [
    h('h2#cite-heading', t('doc.cite')),
    h('p.citation#citation-text', citation),
    h('p.cite-actions', [
      h(
        'button',
        {
          type: 'button',
          'data-copy': 'citation-text',
          'data-done': t('doc.cite.copied'),
          hidden: true,
        },
        t('doc.cite.copy'),
      ),
      ...(citeHref
        ? [
            h('span', [
              t('doc.cite.download'),
              ...CITATION_FORMATS.map((format) =>
                h('a', { href: citeHref(format), download: true }, CITATION_LABELS[format]),
              ),
            ]),
          ]
        : []),
      h('span.muted', { role: 'status', ariaLive: 'polite', 'data-copy-status': '' }),
    ]),
  ]);
}

/** Where the document came from: each source file, its checksum, size and ingest time. */
function provenance(model: DocumentModel): Element {
  const { meta, originalHref, ui } = model;
  const { t, formatSize, formatInstant } = ui;
  return h('section.provenance', { 'data-pagefind-ignore': '' }, [
    h('h2', t('doc.sources')),
    ...meta.sources.map((source) =>
      h('dl.metadata', [
        h('dt', t('doc.source.path')),
        h('dd', [
          h('code', source.path),
          ...(originalHref
            ? [' (', h('a', { href: originalHref }, t('doc.source.download')), ')']
            : []),
        ]),
        h('dt', t('doc.source.sha256')),
        h('dd', h('code', source.sha256)),
        h('dt', t('doc.source.size')),
        h('dd', { title: t('doc.source.bytes', { bytes: source.size }) }, formatSize(source.size)),
        h('dt', t('doc.source.ingestedAt')),
        h('dd', h('time', { dateTime: source.ingestedAt }, formatInstant(source.ingestedAt))),
      ]),
    ),
    citeBox(model),
  ]);
}

/** The text (a part at a time), the document's neighbourhood and its provenance: below the pictures. */
export function documentBottom(model: DocumentModel): Element[] {
  const { meta, ui, lang, relations } = model;
  return [
    ...(meta.needsOcr ? [h('p.muted', ui.t('doc.needsOcr'))] : []),
    ...partNav(model),
    h('div.body', { lang }, [raw(model.html)]),
    ...partNav(model),
    ...relationGraph(meta.number ?? meta.title, relations, ui),
    ...relationList(ui.t('doc.outgoing'), relations.outgoing, ui),
    ...relationList(ui.t('doc.incoming'), relations.incoming, ui),
    provenance(model),
  ];
}
