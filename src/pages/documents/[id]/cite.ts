/** GET /documents/<id>/cite?format=bibtex|ris|csl-json: the citation as a file, for those who may see the document. */
import type { APIRoute } from 'astro';
import { clientAddress } from '../../../http/proxy.ts';
import { readerFor } from '../../../access/gate.ts';
import { CITATION_FORMATS, CITATION_MEDIA, formatCitation } from '../../../export/citation.ts';
import { errorResponse, jsonError } from '../../../http/responses.ts';
import { t } from '../../../i18n/index.ts';
import { getVisibleMeta } from '../../../search/documents.ts';
import { readChoice } from '../../../search/params.ts';
import { getPortal } from '../../../search/portal.ts';
import { documentPermalink } from '../../../search/url.ts';

export const GET: APIRoute = async ({ params, url, locals, request }) => {
  try {
    const format = readChoice(url.searchParams, 'format', CITATION_FORMATS);
    if ('problem' in format) return jsonError(400, 'invalid_parameter', format.problem);
    const portal = getPortal();
    const reader = readerFor(locals.visitor, clientAddress(request), 'view');
    const meta = await getVisibleMeta(
      portal.contentDir,
      params.id ?? '',
      reader,
      portal.classificationOf,
    );
    if (!meta) return jsonError(404, 'not_found', 'No such document.');
    const body = formatCitation(meta, format.value, {
      url: documentPermalink(portal.origin, meta.id),
      publisher: t('site.name'),
      accessed: new Date(),
    });
    const { type, extension } = CITATION_MEDIA[format.value];
    return new Response(body, {
      headers: {
        'Content-Type': type,
        'Content-Disposition': `attachment; filename="${meta.id}.${extension}"`,
        // A restricted document's citation is as private as the document.
        'Cache-Control':
          meta.classification === 'public' ? 'public, max-age=300' : 'private, no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
};
