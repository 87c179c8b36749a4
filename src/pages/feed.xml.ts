import type { APIRoute } from 'astro';
import { errorText } from '../http/responses.ts';
import { feedXml } from '../search/feed.ts';
import { getPortal } from '../search/portal.ts';

export const GET: APIRoute = async ({ locals }) => {
  try {
    const { clearance } = locals.visitor;
    const xml = await feedXml(await getPortal().backend(clearance), getPortal().origin, clearance);
    return new Response(xml, {
      headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
    });
  } catch (error) {
    return errorText(error);
  }
};
