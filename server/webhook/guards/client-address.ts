import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { isAddressRange } from '../../../nodes/webhook-guards.js';
import { createAllowlist, plainAddress } from './ip-allowlist.js';

/**
 * Which proxies in front of Hookflow are believed about the caller's address
 * (`X-Forwarded-For`): none (the socket's address is the caller's), the last `hops` proxies,
 * or those whose address falls in `proxies`.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'ranges'; isProxy: (address: string) => boolean };

export const trustNone: TrustProxy = { kind: 'none' };

/**
 * `HOOKFLOW_TRUST_PROXY`: empty (trust none), a number of proxy hops, or a comma-separated list
 * of proxy addresses and CIDR ranges.
 * @example trustProxySetting.parse('1') // { kind: 'hops', hops: 1 }
 */
export const trustProxySetting = z
  .string()
  .refine(
    (value) => /^\d{1,2}$/.test(value.trim()) || value.split(',').every((part) => isAddressRange(part.trim())),
    'must be a number of proxy hops (such as 1) or a comma-separated list of proxy addresses or CIDR ranges',
  )
  .transform((value): TrustProxy => {
    if (/^\d{1,2}$/.test(value.trim())) {
      const hops = Number(value.trim());
      return hops === 0 ? trustNone : { kind: 'hops', hops };
    }
    return { kind: 'ranges', isProxy: createAllowlist(value.split(',').map((part) => part.trim())) };
  });

/**
 * The caller's address: the socket's, or, behind trusted proxies, the entry of
 * `X-Forwarded-For` that the nearest untrusted hop put there. IPv4-mapped IPv6 addresses
 * (`::ffff:192.0.2.1`) are returned as plain IPv4.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const socket = plainAddress(req.socket.remoteAddress ?? '');
  if (trust.kind === 'none') return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .slice(-64)
    .map((entry) => plainAddress(entry.trim()));
  const chain = [...forwarded.filter((entry) => entry !== ''), socket];
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  let index = chain.length - 1;
  while (index > 0 && trust.isProxy(chain[index]!)) index--;
  return chain[index]!;
}

/**
 * The same trust as Express's `trust proxy` setting, so that `req.ip` on the API (sign-in
 * throttling, the audit log) names the caller as the webhook guards do.
 * @example app.set('trust proxy', expressTrustProxy(config.trustProxy));
 */
export function expressTrustProxy(trust: TrustProxy): boolean | number | ((address: string) => boolean) {
  if (trust.kind === 'none') return false;
  if (trust.kind === 'hops') return trust.hops;
  return (address) => trust.isProxy(plainAddress(address));
}
