/**
 * A portal behind a TLS-terminating proxy (TRUST_PROXY=127.0.0.1, the test
 * standing in for the proxy): the client's address in the audit trail and the
 * throttle comes from X-Forwarded-For, the session cookie is Secure when the
 * proxy says https, and the browser's https Origin passes the origin check.
 * Without the proxy's word, none of that is believed.
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
