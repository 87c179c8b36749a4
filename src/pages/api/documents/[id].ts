import type { APIRoute } from 'astro';
import { clientAddress } from '../../../http/proxy.ts';
import { readerFor } from '../../../access/gate.ts';
import { errorResponse, json, jsonError } from '../../../http/responses.ts';
import { getDocumentView } from '../../../search/documents.ts';
import { readPart } from '../../../search/params.ts';
import { getPortal } from '../../../search/portal.ts';

export const GET: APIRoute = async ({ params, url, locals, request }) => {
  try {
    const portal = getPortal();
    const reader = readerFor(locals.visitor, clientAddress(request), 'view');
    const backend = await portal.backend(reader.clearance);
    const part = readPart(url.searchParams);
    if (part === undefined) {
      return jsonError(400, 'invalid_parameter', 'part: expected a whole number from 1');
    }
    const view = await getDocumentView(
      portal.contentDir,
      backend,
      params.id ?? '',
      reader,
      portal.classificationOf,
      part,
    );
    if (!view) return jsonError(404, 'not_found', 'No such document.');
    const { html: _html, ...rest } = view;
    // A long document's sections come a part at a time: `part` says which, and how many there are.
    return json({
      ...rest.meta,
      part: rest.part,
      sections: rest.sections,
      relations: rest.relations,
    });
  } catch (error) {
    return errorResponse(error);
  }
};
