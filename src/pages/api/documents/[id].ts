import type { APIRoute } from 'astro';
import { readerFor } from '../../../access/gate.ts';
import { errorResponse, json, jsonError } from '../../../http/responses.ts';
import { getDocumentView } from '../../../search/documents.ts';
import { getPortal } from '../../../search/portal.ts';

export const GET: APIRoute = async ({ params, locals, clientAddress }) => {
  try {
    const portal = getPortal();
    const reader = readerFor(locals.visitor, clientAddress, 'view');
    const backend = await portal.backend(reader.clearance);
    const view = await getDocumentView(
      portal.contentDir,
      backend,
      params.id ?? '',
      reader,
      portal.classificationOf,
    );
    if (!view) return jsonError(404, 'not_found', 'No such document.');
    const { html: _html, ...rest } = view;
    return json({ ...rest.meta, sections: rest.sections, relations: rest.relations });
  } catch (error) {
    return errorResponse(error);
  }
};
