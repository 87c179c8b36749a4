/**
 * IIIF Presentation API 3.0 manifests of recognised scans: one canvas per
 * page, painted with the page rendition the portal serves, so that
 * researchers can open a scan in Mirador or Universal Viewer. Built from the
 * stored document; the route decides who may see it.
 */
import type {
  Canvas,
  ContentResource,
  InternationalString,
  Manifest,
  MetadataItem,
} from '@iiif/presentation-3';
import { contentTypeOf, mediaUrl } from '../content/media.ts';
import type { ArchiveDocument } from '../schema/document.ts';
import { readOcrPage } from './document.ts';
import { renditionSize } from './pages.ts';
import { documentPermalink } from '../search/url.ts';

export const IIIF_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

type Meta = Pick<
  ArchiveDocument,
  'id' | 'title' | 'number' | 'issuer' | 'issued' | 'language' | 'ocr' | 'sources'
>;

/** The manifest's address, as pages link to it. */
export function manifestPath(id: string): string {
  return `/iiif/${id}/manifest.json`;
}

/** A IIIF language map: the document's own language, or `none`. */
const text = (value: string, language = 'none'): InternationalString => ({ [language]: [value] });

function entry(label: string, value: string | undefined): MetadataItem[] {
  return value ? [{ label: text(label, 'en'), value: text(value) }] : [];
}

/**
 * A homepage or rendering: the specification requires its label (Presentation
 * 3.0, 3.3.1), which the W3C resource type of @iiif/presentation-3 lacks.
 */
const linked = (resource: {
  id: string;
  type: 'Text' | 'Image';
  label: InternationalString;
  format: string;
}) => resource as ContentResource;

/** The manifest of a recognised scan, with absolute ids under `origin`; undefined otherwise. */
export async function scanManifest(
  contentDir: string,
  meta: Meta,
  origin: string,
): Promise<Manifest | undefined> {
  const sha256 = meta.sources[0]?.sha256;
  if (!meta.ocr || !sha256) return undefined;
  const base = `${origin}/iiif/${meta.id}`;
  const canvases: Canvas[] = [];
  for (let number = 1; number <= meta.ocr.pages; number++) {
    const page = await readOcrPage(contentDir, sha256, number - 1);
    if (!page || page.width === 0 || page.height === 0) continue;
    const { width, height } = renditionSize(page);
    const canvas = `${base}/canvas/${String(number)}`;
    canvases.push({
      id: canvas,
      type: 'Canvas',
      label: text(String(number)),
      width,
      height,
      items: [
        {
          id: `${base}/page/${String(number)}`,
          type: 'AnnotationPage',
          items: [
            {
              id: `${base}/annotation/${String(number)}`,
              type: 'Annotation',
              motivation: 'painting',
              body: {
                id: `${origin}${mediaUrl(meta.id, `page-${String(number)}.webp`)}`,
                type: 'Image',
                format: 'image/webp',
                width,
                height,
              },
              target: canvas,
            },
          ],
        },
      ],
    });
  }
  return {
    '@context': IIIF_CONTEXT,
    id: `${origin}${manifestPath(meta.id)}`,
    type: 'Manifest',
    label: text(meta.title, meta.language),
    metadata: [
      ...entry('Number', meta.number),
      ...entry('Issuer', meta.issuer),
      ...entry('Issued', meta.issued),
      ...entry(
        'Text recognition',
        `${meta.ocr.engine}, ${meta.ocr.languages}, ${String(meta.ocr.confidence)} %`,
      ),
    ],
    homepage: [
      linked({
        id: documentPermalink(origin, meta.id),
        type: 'Text',
        label: text(meta.title, meta.language),
        format: 'text/html',
      }),
    ],
    rendering: [
      linked({
        id: `${origin}${mediaUrl(meta.id, 'original')}`,
        type: meta.sources[0]?.format === 'pdf' ? 'Text' : 'Image',
        label: text('Original', 'en'),
        format: contentTypeOf(meta.sources[0]?.path ?? ''),
      }),
    ],
    items: canvases,
  };
}
