import type { APIRoute } from 'astro';
import { ANONYMOUS } from '../access/clearance.ts';
import { errorText } from '../http/responses.ts';
import { getPortal } from '../search/portal.ts';
import { sitemapIndexXml, sitemapParts } from '../search/sitemap.ts';

export const GET: APIRoute = async () => {
  try {
    const parts = await sitemapParts(await getPortal().backend(ANONYMOUS));
    return new Response(sitemapIndexXml(getPortal().origin, parts), {
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
    });
  } catch (error) {
    return errorText(error);
  }
};
