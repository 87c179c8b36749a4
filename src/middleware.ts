/**
 * Every request: who is asking (from the session), a refusal for cross-site
 * state changes, and the headers every answer carries.
 */
import { logError } from './log.ts';
import { defineMiddleware } from 'astro/middleware';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { ANONYMOUS_VISITOR, visitorOf } from './access/visitor.ts';
import { clientOrigin } from './http/proxy.ts';
import { jsonError } from './http/responses.ts';
import { DEFAULT_LOCALE, splitLocale, strings, type Locale } from './i18n/index.ts';

const CSP = [
  "default-src 'self'",
  // No inline scripts, no eval: the portal ships no script it did not serve itself.
  "script-src 'self'",
  // Astro inlines small stylesheets.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// POSTs that change nothing and ignore the session: OAI-PMH harvesters post from anywhere.
const READ_ONLY_POSTS = new Set(['/oai']);

/**
 * Astro's checkOrigin covers form posts only; this covers every state change,
 * JSON included. A browser sends Origin with every POST; without one, the fetch
 * metadata must say the request came from this site.
 */
export function isSameOrigin(request: Request, url: URL): boolean {
  const origin = request.headers.get('Origin');
  // Behind a TLS proxy listed in TRUST_PROXY, the browser's origin is https although we hear http.
  if (origin !== null) return origin === clientOrigin(request, url);
  return request.headers.get('Sec-Fetch-Site') === 'same-origin';
}

/** The answer to a signed-in request while its session cannot be read (Redis away). */
function sessionUnavailable(pathname: string, locale: Locale): Response {
  const { t } = strings(locale);
  if (pathname.startsWith('/api/')) {
    return jsonError(503, 'session_unavailable', t('session.unavailable'));
  }
  const title = t('unavailable.title');
  const page = toHtml({
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: locale }, [
        h('head', [h('meta', { charset: 'utf-8' }), h('title', title)]),
        h('body', [
          h('main', [h('h1', title), h('p', { role: 'alert' }, t('session.unavailable'))]),
        ]),
      ]),
    ],
  });
  return new Response(page, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': '30',
    },
  });
}

export const onRequest = defineMiddleware(async (context, next) => {
  let response: Response;
  // English pages are the same pages under /en/: one page, its strings chosen per request.
  const { locale, path } = splitLocale(context.url.pathname);
  context.locals.locale = locale;
  const readOnly =
    SAFE_METHODS.has(context.request.method) || READ_ONLY_POSTS.has(context.url.pathname);
  if (!readOnly && !isSameOrigin(context.request, context.url)) {
    context.locals.visitor = ANONYMOUS_VISITOR;
    response = context.url.pathname.startsWith('/api/')
      ? jsonError(403, 'cross_origin', 'Cross-site requests may not change anything here.')
      : new Response('Cross-site requests may not change anything here.', {
          status: 403,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
  } else {
    // An unreadable session store must not open anything, nor pass a signed-in visitor off
    // as anonymous: the request is answered 503. Visitors without a session never ask it.
    const read = await visitorOf(context).then(
      (visitor) => ({ visitor }),
      (error: unknown) => {
        logError('Failed to read the session', error);
        return undefined;
      },
    );
    context.locals.visitor = read?.visitor ?? ANONYMOUS_VISITOR;
    response = !read
      ? sessionUnavailable(context.url.pathname, locale)
      : locale === DEFAULT_LOCALE
        ? await next()
        : await next(`${path}${context.url.search}`);
  }
  const headers = response.headers;
  headers.set('Content-Security-Policy', CSP);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('X-Frame-Options', 'DENY');
  headers.append('Vary', 'Cookie');
  // What a signed-in visitor sees may be restricted: no cache may keep or share it.
  if (context.locals.visitor.user !== undefined) headers.set('Cache-Control', 'private, no-store');
  return response;
});
