import type { APIRoute } from 'astro';
import { errorResponse, json } from '../../http/responses.ts';
import { SearchUnavailableError } from '../../meili/guard.ts';
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
    const answer = errorResponse(error);
    // Anonymous clients are told where the public fallback search is.
    const fallback =
      error instanceof SearchUnavailableError && locals.visitor.user === undefined
        ? getPortal().fallbackSearch(url.searchParams.get('q') ?? '')
        : undefined;
    if (!fallback) return answer;
    const body = (await answer.json()) as { error: object };
    return json({ ...body, fallback }, { status: 503, headers: answer.headers });
  }
};
