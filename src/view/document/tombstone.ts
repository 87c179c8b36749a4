/**
 * A withdrawn document's page (410 Gone): what it was and why it went, for a
 * reader who could see it; nothing of its text or files.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Tombstone } from '../../access/gate.ts';
import type { Strings } from '../../i18n/index.ts';

export function tombstone(
  { title, number, issued, withdrawn }: Tombstone,
  { t, formatDay, formatInstant }: Strings,
): Element[] {
  const rows: [string, string | undefined][] = [
    [t('doc.number'), number],
    [t('doc.issued'), issued && formatDay(issued)],
    [t('doc.withdrawn.on'), formatInstant(withdrawn.at)],
    [t('doc.withdrawn.reason'), withdrawn.reason],
  ];
  return [
    h('p.banner.banner-withdrawn', { role: 'note' }, t('doc.withdrawn')),
    h('h1', title),
    h(
      'dl.metadata',
      rows.flatMap(([label, value]) => (value ? [h('dt', label), h('dd', value)] : [])),
    ),
  ];
}
