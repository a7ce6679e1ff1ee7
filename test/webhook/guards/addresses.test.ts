import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAddressRange } from '../../../nodes/webhook-guards.js';
import { clientAddress, trustNone, trustProxySetting } from '../../../server/webhook/guards/client-address.js';
import { createAllowlist } from '../../../server/webhook/guards/ip-allowlist.js';

const request = (socket: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: socket }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('IP allowlist', () => {
  it('matches IPv4 and IPv6 addresses and ranges, and IPv4-mapped IPv6 callers as IPv4', () => {
    const allowed = createAllowlist(['192.0.2.0/24', '198.51.100.7', '2001:db8::/32']);
    expect(allowed('192.0.2.200')).toBe(true);
    expect(allowed('::ffff:192.0.2.9')).toBe(true);
    expect(allowed('198.51.100.7')).toBe(true);
    expect(allowed('2001:db8:1::5')).toBe(true);
    expect(allowed('192.0.3.1')).toBe(false);
    expect(allowed('198.51.100.8')).toBe(false);
    expect(allowed('2001:db9::1')).toBe(false);
    expect(allowed('not an address')).toBe(false);
    expect(allowed('')).toBe(false);
  });

  it('keeps an IPv4-mapped range as the IPv4 range it maps', () => {
    const allowed = createAllowlist(['::ffff:127.0.0.0/104', '::ffff:192.0.2.1']);
    expect(allowed('127.9.9.9')).toBe(true);
    expect(allowed('::ffff:192.0.2.1')).toBe(true);
    expect(allowed('128.0.0.1')).toBe(false);
  });

  it('builds a list from every range the config accepts', () => {
    const accepted = ['1.2.3.4/0', '::/0', '::ffff:1.2.3.4/90', '::ffff:0.0.0.0/96', '1::', '::1.2.3.4', 'FE80::1/64', '0:0:0:0:0:0:0:1/128'];
    for (const range of accepted) {
      expect(isAddressRange(range)).toBe(true);
      expect(() => createAllowlist([range])).not.toThrow();
    }
  });

  it('validates ranges in the trigger config without Node APIs', () => {
    for (const good of ['10.0.0.0/8', '0.0.0.0/0', '127.0.0.1', '::1', '2001:db8::/32', '::ffff:10.0.0.1', 'fe80::/10']) expect(isAddressRange(good)).toBe(true);
    for (const bad of ['10.0.0.0/33', '256.1.1.1', '10.0.0', '2001:db8::/129', 'example.com', '10.0.0.0/8/8', '::1/x', '1:2:3:4:5:6:7:8:9', '']) expect(isAddressRange(bad)).toBe(false);
  });
});

describe('client address behind proxies (HOOKFLOW_TRUST_PROXY)', () => {
  it('trusts no proxy by default: X-Forwarded-For is ignored', () => {
    expect(clientAddress(request('::ffff:203.0.113.5', '10.9.9.9'), trustNone)).toBe('203.0.113.5');
  });

  it('with a hop count, takes the address the outermost trusted proxy saw', () => {
    const oneHop = trustProxySetting.parse('1');
    expect(clientAddress(request('10.0.0.2', '198.51.100.1, 203.0.113.9'), oneHop)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.2'), oneHop)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2', '203.0.113.9'), trustProxySetting.parse('5'))).toBe('203.0.113.9');
    expect(trustProxySetting.parse('0')).toEqual(trustNone);
  });

  it('with proxy ranges, skips trusted proxies from the right and stops at the first untrusted address', () => {
    const ranges = trustProxySetting.parse('10.0.0.0/8, fd00::/8');
    expect(clientAddress(request('10.0.0.2', 'spoofed, 203.0.113.9, 10.1.1.1'), ranges)).toBe('203.0.113.9');
    expect(clientAddress(request('fd00::1', '2001:db8::7'), ranges)).toBe('2001:db8::7');
    expect(clientAddress(request('203.0.113.50', '10.0.0.1'), ranges)).toBe('203.0.113.50');
  });

  it('refuses a setting that is neither a hop count nor ranges', () => {
    for (const bad of ['yes', '10.0.0.0/99', '1.5', 'loopback']) expect(trustProxySetting.safeParse(bad).success).toBe(false);
  });
});
