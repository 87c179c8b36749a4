/** GET /iiif/<id>/manifest.json: a recognised scan for IIIF viewers; 404 above the visitor's clearance. */
import type { APIRoute } from 'astro';
import { clientAddress } from '../../../http/proxy.ts';
import { readerFor, readGated } from '../../../access/gate.ts';
import { readDocument } from '../../../content/store.ts';
import { errorResponse, json, jsonError } from '../../../http/responses.ts';
import { IIIF_CONTEXT, scanManifest } from '../../../ocr/iiif.ts';
import { getPortal } from '../../../search/portal.ts';

export const GET: APIRoute = async ({ params, url, locals, request }) => {
  try {
    const portal = getPortal();
    const reader = readerFor(locals.visitor, clientAddress(request), 'view');
    const doc = await readGated(params.id ?? '', reader, portal.classificationOf, (id) =>
      readDocument(portal.contentDir, id),
    );
    const manifest = doc && (await scanManifest(portal.contentDir, doc.meta, url.origin));
    if (!manifest) return jsonError(404, 'not_found', 'No such scan.');
    const response = json(manifest, {
      headers: {
        // Viewers on other sites load manifests of public scans; the cookie never goes with them.
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'private, max-age=300',
      },
    });
    response.headers.set('Content-Type', `application/ld+json;profile="${IIIF_CONTEXT}"`);
    return response;
  } catch (error) {
    return errorResponse(error);
  }
};
