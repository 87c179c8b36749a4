/**
 * A document's neighbourhood as a small graph, drawn as SVG on the server: the
 * documents that cite it on the left, those it cites (implements, amends,
 * replaces…) on the right, each a link. Only documents the reader may see
 * have a url (search/documents.ts, export/edition.ts), so nothing here says
 * that a hidden one exists.
 */
import type { Element } from 'hast';
import { h, s } from 'hastscript';
import type { Strings } from '../../i18n/index.ts';
import type { LinkedDocument } from './model.ts';

const PER_SIDE = 8;
const ROW = 34;
const WIDTH = 640;
const NODE = 170;

type Visible = LinkedDocument & { url: string };
const visible = (links: LinkedDocument[]) =>
  links.filter((link): link is Visible => link.url !== null);
const short = (text: string) => (text.length > 24 ? `${text.slice(0, 23)}…` : text);
const name = (link: LinkedDocument) =>
  short(link.title ? (link.target !== link.id ? link.target : link.title) : link.target);

export function relationGraph(
  /** The document itself: its number, else its title. */
  label: string,
  relations: { outgoing: LinkedDocument[]; incoming: LinkedDocument[] },
  { t }: Strings,
): Element[] {
  const sides = { left: visible(relations.incoming), right: visible(relations.outgoing) };
  if (sides.left.length + sides.right.length === 0) return [];
  const shown = { left: sides.left.slice(0, PER_SIDE), right: sides.right.slice(0, PER_SIDE) };
  const rows = Math.max(shown.left.length, shown.right.length, 1);
  const height = rows * ROW + 16;
  const middle = height / 2;
  const y = (i: number, count: number) => middle + (i - (count - 1) / 2) * ROW;
  const more = sides.left.length + sides.right.length - shown.left.length - shown.right.length;
  const nodes = (['left', 'right'] as const).flatMap((side) =>
    shown[side].map((link, i) => {
      const nodeX = side === 'left' ? 0 : WIDTH - NODE;
      const edgeX = side === 'left' ? NODE : WIDTH - NODE;
      const cy = y(i, shown[side].length);
      return s(
        'a',
        {
          href: link.url,
          'aria-label': `${t(`relation.${link.type}`)}: ${link.title ?? link.target}`,
        },
        [
          s('line.edge', { x1: edgeX, y1: cy, x2: WIDTH / 2, y2: middle }),
          s('rect.node', { x: nodeX, y: cy - 13, width: NODE, height: 26, rx: 4 }),
          s('text', { x: nodeX + NODE / 2, y: cy + 4, 'text-anchor': 'middle' }, name(link)),
          s(
            'text.type',
            {
              x: side === 'left' ? NODE + 6 : WIDTH - NODE - 6,
              y: cy - 4,
              'text-anchor': side === 'left' ? 'start' : 'end',
            },
            t(`relation.${link.type}`),
          ),
        ],
      );
    }),
  );
  return [
    h('figure.graph', { 'data-pagefind-ignore': '' }, [
      s(
        'svg',
        {
          viewBox: `0 0 ${String(WIDTH)} ${String(height)}`,
          width: WIDTH,
          height,
          role: 'group',
          'aria-labelledby': 'graph-caption',
        },
        [
          ...nodes,
          s('rect.self', { x: WIDTH / 2 - 70, y: middle - 15, width: 140, height: 30, rx: 4 }),
          s(
            'text.self-label',
            { x: WIDTH / 2, y: middle + 5, 'text-anchor': 'middle' },
            short(label),
          ),
        ],
      ),
      h('figcaption#graph-caption.muted', [
        t('doc.graph', { incoming: sides.left.length, outgoing: sides.right.length }),
        more > 0 ? ` ${t('doc.graph.more', { count: more })}` : '',
      ]),
    ]),
  ];
}
