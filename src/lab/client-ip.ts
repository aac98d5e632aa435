/**
 * The client's IP address, for rate limits and the audit log. By default the TCP peer: proxy
 * headers are ignored, since any client can send them. Behind a reverse proxy, list the proxy's
 * addresses (`trustedProxies`, `dfslab serve --trust-proxy 10.0.0.5,10.1.0.0/16`): then, and
 * only for requests whose TCP peer is one of them, `X-Forwarded-For` is read from the right,
 * skipping trusted hops, and the first address that is not a trusted proxy is the client.
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { InputError } from '../core/errors.js';
import type { LabEnv } from './env.js';

export type TrustedProxies = {
  /** The entries as given (addresses and CIDR ranges), for logs. */
  readonly list: readonly string[];
  has(ip: string): boolean;
};

/** At most this many X-Forwarded-For hops are looked at (a header is attacker-sized). */
const MAX_HOPS = 32;
const MAX_ENTRIES = 256;

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`; undefined if not an IP. */
export function normaliseIp(text: string): string | undefined {
  let ip = text.trim();
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  return isIP(ip) ? ip : undefined;
}

/** Parse `10.0.0.5,10.1.0.0/16,::1` (commas or spaces); a bad entry is an InputError. */
export function parseTrustedProxies(text: string | readonly string[]): TrustedProxies {
  const entries = (typeof text === 'string' ? text.split(/[\s,]+/) : [...text])
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length > MAX_ENTRIES) throw new InputError(`too many trusted proxies (at most ${MAX_ENTRIES})`);
  const blocks = new BlockList();
  for (const entry of entries) {
    const [addr, bits, extra] = entry.split('/');
    const ip = normaliseIp(addr);
    const family = ip && isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    const max = family === 'ipv6' ? 128 : 32;
    if (!ip || extra !== undefined)
      throw new InputError(`bad trusted proxy '${entry}' (an IP address or CIDR range)`);
    if (bits === undefined) {
      blocks.addAddress(ip, family);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > max)
      throw new InputError(`bad trusted proxy '${entry}' (prefix length 0..${max})`);
    blocks.addSubnet(ip, prefix, family);
  }
  return {
    list: entries,
    has(ip) {
      const n = normaliseIp(ip);
      if (!n) return false;
      return blocks.check(n, isIP(n) === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/** The client behind `peer`, given the X-Forwarded-For header and the trusted proxies. */
export function resolveClientIp(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies | undefined,
): string {
  const direct = (peer && normaliseIp(peer)) ?? peer ?? 'unknown';
  if (!trusted || !peer || !trusted.has(peer) || !forwardedFor) return direct;
  const hops = forwardedFor.split(',').slice(-MAX_HOPS);
  let client = direct;
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = normaliseIp(hops[i]);
    // A malformed hop was not written by a trusted proxy: stop at the last address we can trust.
    if (!ip) return client;
    client = ip;
    if (!trusted.has(ip)) return ip;
  }
  return client;
}

export function clientIp(c: Context<LabEnv>): string {
  return resolveClientIp(
    c.env?.incoming?.socket?.remoteAddress,
    c.req.header('x-forwarded-for'),
    c.var.deps?.trustedProxies,
  );
}
