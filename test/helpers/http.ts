/** HTTP against a running portal as a browser would send it: a cookie, an Origin, no redirects followed. */

export interface Answer {
  path: string;
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
  /** What a leak check reads: the body, without the request it echoes back. */
  scanned: string;
}

export interface RequestOptions {
  cookie?: string | undefined;
  method?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export async function request(
  base: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('Cookie', options.cookie);
  const init: RequestInit = { method: options.method ?? 'GET', headers, redirect: 'manual' };
  if (options.form) {
    if (!headers.has('Origin')) headers.set('Origin', new URL(base).origin);
    init.body = new URLSearchParams(options.form);
  }
  const response = await fetch(`${base}${path}`, init);
  const body = await response.text();
  let json: unknown;
  let scanned = body;
  // OAI-PMH echoes the request's arguments, JSON answers the query, feeds the search they
  // follow, and the login link carries the page's own path back: none of it is the archive's.
  if (body.includes('<OAI-PMH')) scanned = body.replace(/<request[^>]*>[^<]*<\/request>/, '');
  // An Atom feed's header (its id, title and links) names the search it follows.
  if (body.includes('<feed'))
    scanned = scanned.replace(/<feed[\s\S]*?(?=<entry>|<\/feed>)/, '<feed>');
  scanned = scanned.replace(/\/login\?next=[^"]*/g, '/login');
  if (response.headers.get('content-type')?.startsWith('application/json')) {
    json = JSON.parse(body);
    const {
      query: _query,
      repairedQuery: _repaired,
      number,
      ...rest
    } = json as Record<string, unknown> & { number?: { sought: string; exact: number } };
    // The number sought is the query again; how many have it is the archive's, and scanned.
    scanned = JSON.stringify(number ? { ...rest, numberExact: number.exact } : rest);
  }
  return { path, status: response.status, headers: response.headers, body, json, scanned };
}

/** The session cookie from a Set-Cookie header, as `name=value`. */
export function sessionCookie(answer: Answer): string | undefined {
  const header = answer.headers.get('set-cookie') ?? '';
  return /(vankho-session=[^;]+)/.exec(header)?.[1];
}

/** Logs in through POST /login and returns the session cookie. */
export async function logIn(base: string, username: string, password: string): Promise<string> {
  const answer = await request(base, '/login', {
    method: 'POST',
    form: { username, password },
  });
  const cookie = sessionCookie(answer);
  if (answer.status !== 303 || !cookie) {
    throw new Error(
      `login as ${username} failed: ${String(answer.status)} ${answer.body.slice(0, 200)}`,
    );
  }
  return cookie;
}
