/**
 * A portal as operators run it, behind a TLS-terminating proxy
 * (TRUST_PROXY=127.0.0.1, the test standing in for the proxy): the client's
 * address in the audit trail and the throttle comes from X-Forwarded-For, the
 * session cookie is Secure when the proxy says https, and the browser's https
 * Origin passes the origin check; without the proxy's word, none of that is
 * believed. Its log is JSON, a line per request with the id the answer's
 * X-Request-Id names, and never a password, a cookie or a signed-in query.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { request } from '../helpers/http.ts';
import { startPortalProcess, type PortalProcess } from '../helpers/portal.ts';
import { tempDir } from '../helpers/temp.ts';

const PASSWORD = 'behind the proxy';
let work: Awaited<ReturnType<typeof tempDir>>;
let portal: PortalProcess;
let dataDir: string;

beforeAll(async () => {
  work = await tempDir('vankho-proxy-');
  dataDir = path.join(work.dir, 'data');
  const added = await runCli(
    'users.ts',
    ['add', 'clerk', '--clearance', 'internal'],
    { DATA_DIR: dataDir },
    PASSWORD,
  );
  expect(added.code, added.stderr).toBe(0);
  portal = await startPortalProcess({ DATA_DIR: dataDir, TRUST_PROXY: '127.0.0.1' });
}, 200_000);
afterAll(async () => {
  if (portal.child.exitCode === null) await portal.stop();
  await work.cleanup();
});

const auditAddresses = async () =>
  (await fs.readFile(path.join(dataDir, 'audit.log'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; address?: string })
    .filter((record) => record.event === 'login')
    .map((record) => record.address);

describe('TRUST_PROXY', () => {
  it('believes the proxy about the client address and https', async () => {
    const host = new URL(portal.url).host;
    const login = await request(portal.url, '/login', {
      method: 'POST',
      form: { username: 'clerk', password: PASSWORD },
      headers: {
        Origin: `https://${host}`,
        'X-Forwarded-For': '203.0.113.9',
        'X-Forwarded-Proto': 'https',
      },
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toMatch(/vankho-session=[^;]+;.*Secure/i);
    expect(await auditAddresses()).toEqual(['203.0.113.9']);
  });

  it('believes nothing the proxy did not say: plain http, no Secure, and an https Origin refused', async () => {
    const host = new URL(portal.url).host;
    const plain = await request(portal.url, '/login', {
      method: 'POST',
      form: { username: 'clerk', password: PASSWORD },
    });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const forged = await request(portal.url, '/login', {
      method: 'POST',
      form: { username: 'clerk', password: PASSWORD },
      headers: { Origin: `https://${host}` },
    });
    expect(forged.status).toBe(403);
    expect(await auditAddresses()).toEqual(['203.0.113.9', '127.0.0.1']);
  });
});

describe('the log', () => {
  interface Line {
    requestId?: string;
    msg: string;
    path?: string;
    query?: string;
    status?: number;
    client?: string;
    level: string;
    time: string;
  }
  const lines = () =>
    portal
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Line);
  const lineOf = async (requestId: string) => {
    // Written when the answer is sent: a moment after the client has it.
    for (let i = 0; i < 50; i++) {
      const found = lines().find((line) => line.requestId === requestId && line.msg === 'request');
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no log line for request ${requestId}:\n${portal.output().slice(-2000)}`);
  };

  it('is one JSON line per request, found by the id its answer names', async () => {
    const answer = await request(portal.url, '/api/search?q=l%C6%B0u+tr%E1%BB%AF');
    const id = answer.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lineOf(id)).toMatchObject({
      level: 'info',
      path: '/api/search',
      query: 'q=l%C6%B0u+tr%E1%BB%AF',
      status: 200,
      client: '127.0.0.1',
    });
    // A trusted proxy's own id is kept, so that its log and ours name the same request.
    const proxied = await request(portal.url, '/healthz', {
      headers: { 'X-Request-Id': 'edge-4f2a9c1e' },
    });
    expect(proxied.headers.get('x-request-id')).toBe('edge-4f2a9c1e');
    expect(await lineOf('edge-4f2a9c1e')).toMatchObject({ path: '/healthz', status: 200 });
    for (const line of lines()) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('never holds a password, a session cookie or what a signed-in visitor searched for', async () => {
    const login = await request(portal.url, '/login', {
      method: 'POST',
      form: { username: 'clerk', password: PASSWORD },
    });
    const cookie = /(vankho-session=[^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(cookie).not.toBe('');
    const secretQuery = 'k%E1%BA%BF+ho%E1%BA%A1ch+m%E1%BA%ADt+2026';
    const searched = await request(portal.url, `/api/search?q=${secretQuery}`, { cookie });
    const line = await lineOf(searched.headers.get('x-request-id') ?? '');
    expect(line).toMatchObject({ path: '/api/search', status: 200 });
    expect(line.query).toBeUndefined();
    const all = portal.output();
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(cookie.split('=')[1]);
    expect(all).not.toContain(secretQuery);
    expect(all).not.toContain('kế hoạch mật 2026');
  });
});
