/** Headers every answer carries: a strict Content-Security-Policy and the usual hardening. */
import { defineMiddleware } from 'astro/middleware';

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

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  const headers = response.headers;
  headers.set('Content-Security-Policy', CSP);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('X-Frame-Options', 'DENY');
  return response;
});
