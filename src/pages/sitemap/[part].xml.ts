import type { APIRoute } from 'astro';
import { ANONYMOUS } from '../../access/clearance.ts';
import { errorText } from '../../http/responses.ts';
import { getPortal } from '../../search/portal.ts';
import { sitemapDocuments, sitemapXml } from '../../search/sitemap.ts';

export const GET: APIRoute = async ({ params }) => {
  try {
    const ids = await sitemapDocuments(await getPortal().backend(ANONYMOUS), params.part ?? '');
    if (!ids) return errorText(undefined);
    return new Response(sitemapXml(getPortal().origin, ids), {
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
    });
  } catch (error) {
    return errorText(error);
  }
};
