import { BlockList, isIP } from 'node:net';

/** `::ffff:192.0.2.1` → `192.0.2.1` (how a dual-stack socket reports an IPv4 caller); anything else unchanged. */
export function plainAddress(address: string): string {
  return address.slice(0, 7).toLowerCase() === '::ffff:' && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * A membership test for addresses and CIDR ranges (`192.0.2.0/24`, `2001:db8::/32`, already
 * validated by the config schema), built once and checked per call. An address that is not an
 * IP (a Unix socket) is never a member.
 * @example createAllowlist(['10.0.0.0/8'])('10.1.2.3') // true
 */
export function createAllowlist(ranges: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', prefix] = range.split('/');
    // An IPv4-mapped range (::ffff:10.0.0.0/104) is kept as the IPv4 range it maps, since callers are compared as plain IPv4.
    const mapped = plainAddress(address) !== address && (prefix === undefined || Number(prefix) >= 96);
    const plain = mapped ? plainAddress(address) : address;
    const type = isIP(plain) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(plain, type);
    else list.addSubnet(plain, Number(prefix) - (mapped ? 96 : 0), type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}
