import type { APIRoute } from 'astro';
import { ANONYMOUS } from '../../access/clearance.ts';
import { errorResponse, json } from '../../http/responses.ts';
import { parseSearchParams } from '../../search/params.ts';
import { getPortal } from '../../search/portal.ts';
import { searchDocuments } from '../../search/search.ts';

export const GET: APIRoute = async ({ url }) => {
  try {
    const params = parseSearchParams(url.searchParams);
    return json(await searchDocuments(getPortal().backend, params, ANONYMOUS));
  } catch (error) {
    return errorResponse(error);
  }
};
