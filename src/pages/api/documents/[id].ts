import type { APIRoute } from 'astro';
import { ANONYMOUS } from '../../../access/clearance.ts';
import { errorResponse, json, jsonError } from '../../../http/responses.ts';
import { getDocumentView } from '../../../search/documents.ts';
import { getPortal } from '../../../search/portal.ts';

export const GET: APIRoute = async ({ params }) => {
  try {
    const { contentDir, backend } = getPortal();
    const view = await getDocumentView(contentDir, backend, params.id ?? '', ANONYMOUS);
    if (!view) return jsonError(404, 'not_found', 'No such document.');
    const { html: _html, ...rest } = view;
    return json({ ...rest.meta, sections: rest.sections, relations: rest.relations });
  } catch (error) {
    return errorResponse(error);
  }
};
