/**
 * Who is at the other end, and over what: the client's address and whether it
 * came over HTTPS, decided once per request at the Node level. Only a peer
 * listed in TRUST_PROXY (addresses or CIDR ranges) is believed about
 * X-Forwarded-For and X-Forwarded-Proto; from anyone else those headers are
 * ignored, so a client cannot pick the address it is throttled and audited
 * under. Pages read the outcome through `clientAddress` and `isHttps`.
 */
import type http from 'node:http';
import net from 'node:net';
import { VankhoError } from '../errors.ts';

// Set here only: whatever a client sends under these names is dropped first.
const CLIENT_HEADER = 'x-vankho-client-address';
const PROTO_HEADER = 'x-vankho-client-proto';

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** An entry of TRUST_PROXY that is neither an address nor a CIDR range. */
export class BadProxyEntryError extends VankhoError {
  override name = 'BadProxyEntryError';
  readonly entry: string;
  constructor(entry: string) {
    super(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range`);
    this.entry = entry;
  }
}

/** The trusted proxies of TRUST_PROXY ("10.0.0.5, 192.168.0.0/16"); throws naming a bad entry. */
export function parseTrustedProxies(value: string | undefined): net.BlockList | undefined {
  if (!value?.trim()) return undefined;
  const list = new net.BlockList();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 'ipv4' ? 32 : 128;
    if (
      !family ||
      (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))
    ) {
      throw new BadProxyEntryError(entry);
    }
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
  }
  return list;
}

function isTrusted(list: net.BlockList | undefined, address: string): boolean {
  if (!list || !address) return false;
  return list.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** Whether the request comes straight from a proxy listed in TRUST_PROXY. */
export function fromTrustedProxy(
  req: http.IncomingMessage,
  trusted: net.BlockList | undefined,
): boolean {
  return isTrusted(trusted, plain(req.socket.remoteAddress ?? ''));
}

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value.join(',') : (value ?? '')).split(',').map((part) => part.trim());

/**
 * Records the client's address and protocol on the request. Behind trusted
 * proxies, the client is the right-most X-Forwarded-For entry that is not a
 * trusted proxy itself (entries further left were written by the client).
 */
export function identifyClient(
  req: http.IncomingMessage,
  trusted: net.BlockList | undefined,
): void {
  delete req.headers['x-vankho-client-address'];
  delete req.headers['x-vankho-client-proto'];
  let client = plain(req.socket.remoteAddress ?? '');
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  let proto = encrypted ? 'https' : 'http';
  if (fromTrustedProxy(req, trusted)) {
    const chain = first(req.headers['x-forwarded-for'])
      .map(plain)
      .filter((a) => net.isIP(a) !== 0);
    for (let i = chain.length - 1; i >= 0; i--) {
      client = chain[i] ?? client;
      if (!isTrusted(trusted, client)) break;
    }
    const forwarded = first(req.headers['x-forwarded-proto'])[0]?.toLowerCase();
    if (forwarded === 'https' || forwarded === 'http') proto = forwarded;
  }
  req.headers[CLIENT_HEADER] = client;
  req.headers[PROTO_HEADER] = proto;
}

/** The client's address, as `identifyClient` decided it. */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_HEADER) ?? '';
}

/** Whether the client reached us over HTTPS (directly, or through a trusted proxy that says so). */
export function isHttps(request: Request, url: URL): boolean {
  return request.headers.get(PROTO_HEADER) === 'https' || url.protocol === 'https:';
}

/** The origin the client addressed: what its Origin header must equal for a state change. */
export function clientOrigin(request: Request, url: URL): string {
  return `${isHttps(request, url) ? 'https' : 'http'}://${url.host}`;
}
