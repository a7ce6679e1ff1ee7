import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { OutboundBlockedError, type OutboundPolicy } from './outbound-policy.js';

/** Resolves a host name to all its addresses (the system resolver by default; tests inject their own). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * A `lookup` for `net.connect`/`tls.connect` that resolves the name once and hands the socket
 * only the addresses the policy admits, so the address checked is the address connected to
 * (no window for DNS rebinding). When none is admitted it fails with the first refusal.
 *
 * @example
 * net.connect({ host: 'localhost', port: 80, lookup: guardLookup(policy) }); // error OUTBOUND_BLOCKED
 */
export function guardLookup(policy: OutboundPolicy, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const candidates = family ? resolved.filter((entry) => entry.family === family) : resolved;
        const refusals = candidates.map((entry) => policy.checkAddress(hostname, entry.address));
        const admitted = candidates.filter((_entry, index) => refusals[index] === undefined);
        const first = admitted[0];
        if (!first) {
          const error = refusals[0] ?? Object.assign(new Error(`${hostname} has no address${family ? ` of IPv${family}` : ''}.`), { code: 'ENOTFOUND' });
          return callback(error as NodeJS.ErrnoException, '', 0);
        }
        if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, admitted);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/**
 * Checks the address a socket actually connected to (a second line behind `guardLookup`, for
 * connections that skipped the lookup).
 */
export function checkConnected(policy: OutboundPolicy, host: string, socket: Socket): OutboundBlockedError | undefined {
  const address = socket.remoteAddress;
  if (address === undefined) return new OutboundBlockedError(host, 'the connected address is unknown');
  return policy.checkAddress(host, address);
}
