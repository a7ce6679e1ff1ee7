import { BlockList, isIP, isIPv4 } from 'node:net';

/** Why an address is not on the public internet, in words an error message can use. */
export type AddressKind = 'cloud metadata' | 'unspecified' | 'loopback' | 'private' | 'link-local' | 'multicast' | 'broadcast' | 'reserved';

/** Checked in this order, so the metadata addresses are named before the ranges holding them. */
const ranges: [AddressKind, string][] = [
  ['cloud metadata', '169.254.169.254/32'],
  ['cloud metadata', '100.100.100.200/32'],
  ['cloud metadata', 'fd00:ec2::254/128'],
  ['unspecified', '0.0.0.0/8'],
  ['unspecified', '::/128'],
  ['loopback', '127.0.0.0/8'],
  ['loopback', '::1/128'],
  ['private', '10.0.0.0/8'],
  ['private', '172.16.0.0/12'],
  ['private', '192.168.0.0/16'],
  ['private', '100.64.0.0/10'],
  ['private', 'fc00::/7'],
  ['link-local', '169.254.0.0/16'],
  ['link-local', 'fe80::/10'],
  ['multicast', '224.0.0.0/4'],
  ['multicast', 'ff00::/8'],
  ['broadcast', '255.255.255.255/32'],
  ['reserved', '192.0.0.0/24'],
  ['reserved', '192.0.2.0/24'],
  ['reserved', '198.18.0.0/15'],
  ['reserved', '198.51.100.0/24'],
  ['reserved', '203.0.113.0/24'],
  ['reserved', '240.0.0.0/4'],
  ['reserved', '2001::/23'],
  ['reserved', '2001:db8::/32'],
  ['reserved', 'fec0::/10'],
];

const lists = ranges.map(([kind, cidr]) => [kind, toBlockList([cidr])] as const);

/** IPv6 global unicast: anything outside it that no range above names is reserved. */
const globalUnicast = toBlockList(['2000::/3']);

/** What an address is when it is not a public one; `embedded` is the IPv4 address an IPv6 form carries. */
export interface SpecialAddress {
  kind: AddressKind;
  embedded?: string;
}

/**
 * Classifies an IP address: undefined for a public one, otherwise what it is. IPv6 forms that
 * carry an IPv4 address (mapped `::ffff:7f00:1`, translated, compatible, NAT64 `64:ff9b::/96`,
 * 6to4 `2002::/16`) are judged by the IPv4 address inside.
 *
 * @example
 * classifyAddress('::ffff:7f00:1'); // { kind: 'loopback', embedded: '127.0.0.1' }
 * classifyAddress('93.184.215.14'); // undefined
 */
export function classifyAddress(address: string): SpecialAddress | undefined {
  const ip = address.replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 0) return { kind: 'reserved' };
  if (family === 6) {
    const embedded = embeddedIPv4(ip);
    if (embedded) {
      const inner = kindOf(embedded, 'ipv4');
      return inner ? { kind: inner, embedded } : undefined;
    }
  }
  const kind = kindOf(ip, family === 4 ? 'ipv4' : 'ipv6');
  if (kind) return { kind };
  if (family === 6 && !globalUnicast.check(ip, 'ipv6')) return { kind: 'reserved' };
  return undefined;
}

function kindOf(ip: string, type: 'ipv4' | 'ipv6'): AddressKind | undefined {
  return lists.find(([, list]) => list.check(ip, type))?.[0];
}

/** A BlockList of addresses and CIDR ranges (`10.0.0.0/8`, `fc00::/7`, `127.0.0.1`). */
export function toBlockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, prefix] = entry.split('/') as [string, string | undefined];
    const type = isIPv4(ip) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
  }
  return list;
}

/** The IPv4 address inside an IPv6 address of a form that carries one, if it is such a form. */
export function embeddedIPv4(ipv6: string): string | undefined {
  const groups = expandIPv6(ipv6);
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const lastTwo = () => dotted(groups[6]!, groups[7]!);
  if (zeros(0, 5) && groups[5] === 0xffff) return lastTwo(); // ::ffff:a.b.c.d, mapped
  if (zeros(0, 4) && groups[4] === 0xffff && groups[5] === 0) return lastTwo(); // ::ffff:0:a.b.c.d, translated
  if (zeros(0, 6) && (groups[6] !== 0 || groups[7]! > 1)) return lastTwo(); // ::a.b.c.d, compatible
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return lastTwo(); // 64:ff9b::/96, NAT64
  if (groups[0] === 0x2002) return dotted(groups[1]!, groups[2]!); // 2002::/16, 6to4
  return undefined;
}

function dotted(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 converted). */
function expandIPv6(ip: string): number[] {
  let text = ip.toLowerCase();
  const dottedTail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dottedTail) {
    const [a, b, c, d] = dottedTail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dottedTail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const start = parse(head);
  const end = parse(tail);
  return [...start, ...new Array<number>(8 - start.length - end.length).fill(0), ...end];
}
