import type { APIRoute } from 'astro';
import { errorResponse, json, jsonError } from '../../../http/responses.ts';
import { FACET_NAMES, isFacetName } from '../../../schema/facets.ts';
import { searchFacetValues } from '../../../search/facets.ts';
import { getPortal } from '../../../search/portal.ts';

export const GET: APIRoute = async ({ params, url, locals }) => {
  const facet = params.facet ?? '';
  if (!isFacetName(facet)) {
    return jsonError(400, 'invalid_parameter', `facet: expected one of ${FACET_NAMES.join(', ')}`);
  }
  const query = url.searchParams.get('q') ?? '';
  if (query.length > 200) return jsonError(400, 'invalid_parameter', 'q: at most 200 characters');
  try {
    const { clearance } = locals.visitor;
    const backend = await getPortal().backend(clearance);
    const values = await searchFacetValues(backend, facet, query, clearance);
    return json({ facet, query, values });
  } catch (error) {
    return errorResponse(error);
  }
};
