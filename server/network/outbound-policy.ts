import { isIP } from 'node:net';
import { FlowError } from '../errors.js';
import { classifyAddress, embeddedIPv4, toBlockList } from './special-addresses.js';

/** Names of cloud metadata services, refused whatever they resolve to. */
const metadataNames = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

const allowHint = 'allow it with HOOKFLOW_OUTBOUND_ALLOW';

/** An outgoing connection (HTTP request, SMTP) refused by the outbound policy. */
export class OutboundBlockedError extends FlowError {
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super('OUTBOUND_BLOCKED', `Refused to connect to ${host}: ${reason}; ${allowHint}.`, 403);
  }
}

/**
 * Decides which hosts and addresses Hookflow may connect to. Private, loopback, link-local,
 * metadata, multicast and reserved addresses are refused unless the allowlist admits them.
 */
export interface OutboundPolicy {
  /** Checks a host before any lookup: metadata names and IP literals (which skip DNS). */
  checkHost(host: string): OutboundBlockedError | undefined;
  /** Checks an address that `host` resolved to (the one actually connected to). */
  checkAddress(host: string, address: string): OutboundBlockedError | undefined;
}

/**
 * Builds the policy from HOOKFLOW_OUTBOUND_ALLOW's entries: host names (admitted whatever they
 * resolve to), IP addresses and CIDR ranges. Entries must have passed `parseAllowEntry`.
 *
 * @example
 * const policy = createOutboundPolicy(['127.0.0.1', 'crm.internal']);
 * policy.checkAddress('localhost', '127.0.0.1'); // undefined: admitted
 * policy.checkAddress('evil.example', '10.0.0.1')?.message; // "Refused to connect to evil.example: it resolves to 10.0.0.1, a private address; …"
 */
export function createOutboundPolicy(allow: readonly string[]): OutboundPolicy {
  const hosts = new Set(allow.filter((entry) => parseAllowEntry(entry) === 'host').map(normalizeHost));
  const addresses = toBlockList(allow.filter((entry) => parseAllowEntry(entry) === 'address'));
  const admitted = (address: string) => {
    const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    const embedded = family === 'ipv6' ? embeddedIPv4(address) : undefined;
    return addresses.check(address, family) || (embedded !== undefined && addresses.check(embedded, 'ipv4'));
  };
  const checkAddress = (host: string, address: string) => {
    if (hosts.has(normalizeHost(host)) || admitted(address)) return undefined;
    const special = classifyAddress(address);
    if (!special) return undefined;
    const what = `${article(special.kind)} ${special.kind} address${special.embedded ? ` (IPv4 ${special.embedded} inside IPv6)` : ''}`;
    const literal = normalizeHost(host) === address.toLowerCase();
    return new OutboundBlockedError(host, literal ? `it is ${what}` : `it resolves to ${address}, ${what}`);
  };
  return {
    checkHost(host) {
      const name = normalizeHost(host);
      if (hosts.has(name)) return undefined;
      if (isIP(name)) return checkAddress(name, name);
      if (metadataNames.has(name)) return new OutboundBlockedError(host, 'it is a cloud metadata service');
      return undefined;
    },
    checkAddress,
  };
}

/**
 * What an allowlist entry is: a host name, or an address (IP or CIDR range); undefined when it
 * is neither, so that the configuration can name the bad entry.
 */
export function parseAllowEntry(entry: string): 'host' | 'address' | undefined {
  const [ip, prefix, extra] = entry.split('/');
  const family = isIP(ip ?? '');
  if (family !== 0) {
    if (prefix === undefined) return 'address';
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    return extra === undefined && bits <= (family === 4 ? 32 : 128) ? 'address' : undefined;
  }
  const host = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
  return prefix === undefined && entry.length <= 253 && host.test(entry) ? 'host' : undefined;
}

/** Lower case, without a trailing dot or IPv6 brackets. */
function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? 'an' : 'a');
