import { describe, expect, it } from 'vitest';
import { classifyAddress, embeddedIPv4 } from '../../server/network/special-addresses.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['100::1', 'reserved'],
    ['4000::1', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)?.kind).toBe(kind);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001:82b::200e'])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it('judges IPv6 forms carrying an IPv4 address by that address', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toEqual({ kind: 'loopback', embedded: '127.0.0.1' });
    expect(classifyAddress('::ffff:7f00:1')).toEqual({ kind: 'loopback', embedded: '127.0.0.1' });
    expect(classifyAddress('::ffff:0:a00:1')).toEqual({ kind: 'private', embedded: '10.0.0.1' });
    expect(classifyAddress('::a9fe:a9fe')).toEqual({ kind: 'cloud metadata', embedded: '169.254.169.254' });
    expect(classifyAddress('64:ff9b::a9fe:a9fe')).toEqual({ kind: 'cloud metadata', embedded: '169.254.169.254' });
    expect(classifyAddress('64:ff9b::7f00:1')?.kind).toBe('loopback');
    expect(classifyAddress('2002:7f00:1::1')).toEqual({ kind: 'loopback', embedded: '127.0.0.1' });
    expect(classifyAddress('::ffff:8.8.8.8')).toBeUndefined();
    expect(classifyAddress('64:ff9b::808:808')).toBeUndefined();
  });

  it('refuses what is not an IP address at all', () => {
    expect(classifyAddress('not-an-ip')?.kind).toBe('reserved');
  });
});

describe('embeddedIPv4', () => {
  it('reads the IPv4 address of mapped, translated, compatible, NAT64 and 6to4 forms only', () => {
    expect(embeddedIPv4('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIPv4('0:0:0:0:0:ffff:c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIPv4('2002:c0a8:1::')).toBe('192.168.0.1');
    expect(embeddedIPv4('::1')).toBeUndefined();
    expect(embeddedIPv4('::')).toBeUndefined();
    expect(embeddedIPv4('2606:4700::1111')).toBeUndefined();
  });
});
