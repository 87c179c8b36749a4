import type { APIRoute } from 'astro';
import { ANONYMOUS } from '../access/clearance.ts';
import { loadConfig } from '../config/env.ts';
import { errorText } from '../http/responses.ts';
import { oaiResponse } from '../search/oai.ts';
import { getPortal } from '../search/portal.ts';

/** OAI-PMH harvests the public part only, whoever asks: sessions play no part here. */
async function answer(query: URLSearchParams): Promise<Response> {
  try {
    const portal = getPortal();
    const xml = await oaiResponse(
      {
        backend: await portal.backend(ANONYMOUS),
        contentDir: portal.contentDir,
        baseUrl: `${portal.origin}/oai`,
        adminEmail: loadConfig().adminEmail,
      },
      query,
    );
    return new Response(xml, { headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
  } catch (error) {
    return errorText(error);
  }
}

export const GET: APIRoute = ({ url }) => answer(url.searchParams);

/** OAI-PMH 2.0 (3.1.1.2): the same arguments as a form, for requests too long for a URL. */
export const POST: APIRoute = async ({ request }) => {
  const type = request.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    return new Response('OAI-PMH requests by POST are application/x-www-form-urlencoded.', {
      status: 415,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  return answer(new URLSearchParams(await request.text()));
};
