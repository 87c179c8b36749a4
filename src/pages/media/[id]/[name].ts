import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { clientAddress } from '../../../http/proxy.ts';
import { readerFor, readGated } from '../../../access/gate.ts';
import { readDocument } from '../../../content/store.ts';
import { errorText } from '../../../http/responses.ts';
import { findMedia } from '../../../content/media.ts';
import { getPortal } from '../../../search/portal.ts';

export const GET: APIRoute = async ({ params, locals, request }) => {
  let media;
  try {
    const portal = getPortal();
    const reader = readerFor(locals.visitor, clientAddress(request), 'download');
    const doc = await readGated(params.id ?? '', reader, portal.classificationOf, (id) =>
      readDocument(portal.contentDir, id),
    );
    media = doc && (await findMedia(portal.contentDir, doc, params.name ?? ''));
  } catch (error) {
    return errorText(error);
  }
  if (!media) return errorText(undefined);
  const stream = Readable.toWeb(createReadStream(media.file)) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      'Content-Type': media.contentType,
      'Content-Length': String(media.size),
      // Originals are downloaded, never rendered in the portal's origin (an HTML original could run scripts).
      'Content-Disposition': `${media.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(media.filename)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=3600',
    },
  });
};
