import type { APIRoute } from 'astro';
import { ANONYMOUS } from '../../../access/clearance.ts';
import { errorResponse, json, jsonError } from '../../../http/responses.ts';
import { FACET_NAMES, isFacetName } from '../../../schema/facets.ts';
import { searchFacetValues } from '../../../search/facets.ts';
import { getPortal } from '../../../search/portal.ts';

export const GET: APIRoute = async ({ params, url }) => {
  const facet = params.facet ?? '';
  if (!isFacetName(facet)) {
    return jsonError(400, 'invalid_parameter', `facet: expected one of ${FACET_NAMES.join(', ')}`);
  }
  const query = url.searchParams.get('q') ?? '';
  if (query.length > 200) return jsonError(400, 'invalid_parameter', 'q: at most 200 characters');
  try {
    const values = await searchFacetValues(getPortal().backend, facet, query, ANONYMOUS);
    return json({ facet, query, values });
  } catch (error) {
    return errorResponse(error);
  }
};
