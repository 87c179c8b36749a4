import type { APIRoute } from 'astro';
import { errorResponse, json } from '../../http/responses.ts';
import { parseSearchParams } from '../../search/params.ts';
import { getPortal } from '../../search/portal.ts';
import { searchDocuments } from '../../search/search.ts';

export const GET: APIRoute = async ({ url, locals }) => {
  try {
    const params = parseSearchParams(url.searchParams);
    const { clearance } = locals.visitor;
    return json(
      await searchDocuments(
        await getPortal().backend(clearance),
        params,
        clearance,
        getPortal().contentDir,
      ),
    );
  } catch (error) {
    return errorResponse(error);
  }
};
