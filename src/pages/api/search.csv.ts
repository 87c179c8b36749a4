/** GET /api/search.csv?<a search's parameters>: its results as CSV, up to 10,000 rows the visitor may see. */
import type { APIRoute } from 'astro';
import { errorResponse } from '../../http/responses.ts';
import { csvStream, searchRows } from '../../search/csv.ts';
import { parseSearchParams } from '../../search/params.ts';
import { getPortal } from '../../search/portal.ts';

export const GET: APIRoute = async ({ url, locals }) => {
  try {
    const params = parseSearchParams(url.searchParams);
    const { clearance } = locals.visitor;
    const portal = getPortal();
    const { total, rows } = await searchRows(
      await portal.backend(clearance),
      params,
      clearance,
      portal.origin,
    );
    return new Response(csvStream(rows), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': 'attachment; filename="van-kho-ket-qua.csv"',
        // How many the search found; the file holds at most 10,000 of them.
        'X-Total-Count': String(total),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
};
