/**
 * A document's versions as a reader sees them: the list (each with its date,
 * checksum and size, and a link to read it), and what changed between two:
 * the metadata that differs, and the text line by line (jsdiff).
 */
import { diffLines } from 'diff';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { StoredDocument } from '../../content/store.ts';
import type { Strings } from '../../i18n/index.ts';
import type { ArchiveDocument } from '../../schema/document.ts';

type Meta = Omit<ArchiveDocument, 'inputHash'>;

export interface VersionLinks {
  /** Where version `n` is read (the current one: the document's own page). */
  view: (n: number) => string;
  /** Where the changes that made version `n` are shown. */
  diff: (n: number) => string;
}

/** Every version, newest first: the current one, then those kept. */
export function versionList(meta: Meta, ui: Strings, links: VersionLinks): Element {
  const { t, formatInstant, formatSize } = ui;
  const current = meta.version ?? 1;
  const source = meta.sources[0];
  const rows = [
    ...(source
      ? [
          {
            version: current,
            ingestedAt: source.ingestedAt,
            sha256: source.sha256,
            size: source.size,
          },
        ]
      : []),
    ...[...(meta.versions ?? [])].reverse(),
  ];
  return h('table.versions', [
    h(
      'thead',
      h(
        'tr',
        [
          t('versions.version'),
          t('versions.date'),
          t('doc.source.sha256'),
          t('doc.source.size'),
          '',
        ].map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    h(
      'tbody',
      rows.map((row) =>
        h('tr', [
          h('td', [
            String(row.version),
            ...(row.version === current ? [` (${t('versions.current')})`] : []),
          ]),
          h('td', h('time', { dateTime: row.ingestedAt }, formatInstant(row.ingestedAt))),
          h('td', h('code', { title: row.sha256 }, row.sha256.slice(0, 12))),
          h('td', formatSize(row.size)),
          h('td', [
            h('a', { href: links.view(row.version) }, t('versions.view')),
            ...(row.version > 1
              ? [' · ', h('a', { href: links.diff(row.version) }, t('versions.diff'))]
              : []),
          ]),
        ]),
      ),
    ),
  ]);
}

const COMPARED = [
  'title',
  'number',
  'type',
  'issuer',
  'issued',
  'status',
  'language',
  'classification',
  'summary',
] as const;

/** What changed from `older` to `newer`: metadata fields, then the text's lines. */
export function versionDiff(older: StoredDocument, newer: StoredDocument, ui: Strings): Element[] {
  const { t } = ui;
  const changed = COMPARED.filter((field) => older.meta[field] !== newer.meta[field]);
  const subjects = older.meta.subjects.join('; ') !== newer.meta.subjects.join('; ');
  const metadata: ElementContent[] = [
    ...changed.flatMap((field) => [
      h('dt', field),
      h('dd', [h('del', older.meta[field] ?? ''), ' → ', h('ins', newer.meta[field] ?? '')]),
    ]),
    ...(subjects
      ? [
          h('dt', 'subjects'),
          h('dd', [
            h('del', older.meta.subjects.join('; ')),
            ' → ',
            h('ins', newer.meta.subjects.join('; ')),
          ]),
        ]
      : []),
  ];
  const parts = diffLines(older.body, newer.body);
  const same = parts.every((part) => !part.added && !part.removed);
  return [
    ...(metadata.length > 0
      ? [h('h2', t('versions.diff.metadata')), h('dl.metadata', metadata)]
      : []),
    h('h2', t('versions.diff.text')),
    same
      ? h('p', t('versions.diff.none'))
      : h(
          'div.diff',
          parts.map((part) =>
            part.added
              ? h('ins.diff-line', { title: t('versions.diff.added') }, part.value)
              : part.removed
                ? h('del.diff-line', { title: t('versions.diff.removed') }, part.value)
                : h('span.diff-same', part.value),
          ),
        ),
  ];
}
