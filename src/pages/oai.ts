import type { APIRoute } from 'astro';
import { ANONYMOUS } from '../access/clearance.ts';
import { loadConfig } from '../config/env.ts';
import { errorText } from '../http/responses.ts';
import { oaiResponse } from '../search/oai.ts';
import { getPortal } from '../search/portal.ts';

/** OAI-PMH harvests the public part only, whoever asks: sessions play no part here. */
export const GET: APIRoute = async ({ url }) => {
  try {
    const portal = getPortal();
    const xml = await oaiResponse(
      {
        backend: await portal.backend(ANONYMOUS),
        contentDir: portal.contentDir,
        baseUrl: `${url.origin}/oai`,
        adminEmail: loadConfig().adminEmail,
      },
      url.searchParams,
    );
    return new Response(xml, { headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
  } catch (error) {
    return errorText(error);
  }
};
