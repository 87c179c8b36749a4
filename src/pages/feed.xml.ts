import type { APIRoute } from 'astro';
import { errorText } from '../http/responses.ts';
import { feedSearch, feedXml } from '../search/feed.ts';
import { getPortal } from '../search/portal.ts';

/** GET /feed.xml[?<a search's own parameters>]: that search's newest documents, as Atom. */
export const GET: APIRoute = async ({ locals, url }) => {
  try {
    const { clearance } = locals.visitor;
    const params = feedSearch(url.searchParams);
    const xml = await feedXml(
      await getPortal().backend(clearance),
      getPortal().origin,
      clearance,
      params,
    );
    return new Response(xml, {
      headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
    });
  } catch (error) {
    return errorText(error);
  }
};
