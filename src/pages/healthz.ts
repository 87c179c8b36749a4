/** GET /healthz: the process is up and answering; nothing else is checked (see /readyz). */
import type { APIRoute } from 'astro';
import { json } from '../http/responses.ts';

export const GET: APIRoute = () =>
  json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
