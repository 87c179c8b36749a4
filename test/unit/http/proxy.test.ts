/**
 * TRUST_PROXY, on a real socket: X-Forwarded-For and X-Forwarded-Proto are
 * believed from a listed proxy only, the client is the right-most address no
 * trusted proxy wrote, and nobody can set the result headers themselves.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardRequests } from '../../../src/http/guard.ts';
import { parseTrustedProxies } from '../../../src/http/proxy.ts';
import { loadConfig } from '../../../src/config/env.ts';

let server: http.Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (open) await new Promise((resolve) => open.close(resolve));
});

/** A server behind the guard that answers with what it decided about the client. */
async function serve(trust: string | undefined): Promise<string> {
  const created = http.createServer(
    guardRequests(
      (req, res) => {
        res.end(
          JSON.stringify({
            client: req.headers['x-vankho-client-address'],
            proto: req.headers['x-vankho-client-proto'],
          }),
        );
      },
      1000,
      parseTrustedProxies(trust),
    ),
  );
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${String((created.address() as AddressInfo).port)}/`;
}

const ask = async (url: string, headers: Record<string, string> = {}) =>
  (await fetch(url, { headers })).json() as Promise<{ client: string; proto: string }>;

describe('TRUST_PROXY', () => {
  it('ignores forwarded headers when unset, and from a peer it does not list', async () => {
    for (const trust of [undefined, '10.0.0.0/8, 192.168.1.1']) {
      const url = await serve(trust);
      expect(
        await ask(url, {
          'X-Forwarded-For': '203.0.113.9',
          'X-Forwarded-Proto': 'https',
          'X-Vankho-Client-Address': '198.51.100.1',
        }),
      ).toEqual({ client: '127.0.0.1', proto: 'http' });
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  it('believes a listed proxy: the right-most address it did not write, and the protocol', async () => {
    const url = await serve('127.0.0.1, 10.1.0.0/16');
    expect(
      await ask(url, {
        // The client wrote the first entry itself; the second proxy (10.1.2.3) is trusted.
        'X-Forwarded-For': '198.51.100.1, 203.0.113.9, 10.1.2.3',
        'X-Forwarded-Proto': 'https',
      }),
    ).toEqual({ client: '203.0.113.9', proto: 'https' });
    expect(await ask(url)).toEqual({ client: '127.0.0.1', proto: 'http' });
  });

  it('names a bad entry', () => {
    expect(() => parseTrustedProxies('10.0.0.1, proxy.local')).toThrow(
      'TRUST_PROXY: "proxy.local" is not an IP address or CIDR range',
    );
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/);
    // As the portal's configuration says it at startup.
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1, bogus/33' })).toThrow(
      'field "TRUST_PROXY": "bogus/33" is not one; expected IP addresses or CIDR ranges',
    );
  });
});
