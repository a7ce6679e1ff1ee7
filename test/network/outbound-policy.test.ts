import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createOutboundPolicy, OutboundBlockedError, parseAllowEntry } from '../../server/network/outbound-policy.js';

describe('outbound policy', () => {
  const closed = createOutboundPolicy([]);

  it('refuses a name that resolves to a private address, naming the host, the address, the reason and the setting', () => {
    const refusal = closed.checkAddress('localhost', '127.0.0.1');
    expect(refusal).toBeInstanceOf(OutboundBlockedError);
    expect(refusal?.code).toBe('OUTBOUND_BLOCKED');
    expect(refusal?.message).toBe('Refused to connect to localhost: it resolves to 127.0.0.1, a loopback address; allow it with HOOKFLOW_OUTBOUND_ALLOW.');
  });

  it('refuses IP literals before any lookup, in every spelling the URL parser produces', () => {
    expect(closed.checkHost('169.254.169.254')?.message).toMatch(/169\.254\.169\.254: it is a cloud metadata address/);
    expect(closed.checkHost('[::1]')?.message).toMatch(/it is a loopback address/);
    expect(closed.checkHost(new URL('http://2130706433/').hostname)?.message).toMatch(/127\.0\.0\.1: it is a loopback address/);
    expect(closed.checkHost(new URL('http://0x7f.1/').hostname)).toBeInstanceOf(OutboundBlockedError);
    expect(closed.checkHost(new URL('http://[::ffff:127.0.0.1]/').hostname)?.message).toMatch(/loopback address \(IPv4 127\.0\.0\.1 inside IPv6\)/);
    expect(closed.checkHost('8.8.8.8')).toBeUndefined();
    expect(closed.checkHost('example.com')).toBeUndefined();
  });

  it('refuses cloud metadata names whatever they resolve to', () => {
    expect(closed.checkHost('metadata.google.internal')?.message).toMatch(/it is a cloud metadata service/);
    expect(closed.checkHost('METADATA.google.internal.')).toBeInstanceOf(OutboundBlockedError);
  });

  it('admits what the allowlist names: addresses, ranges (IPv4-mapped forms too) and host names', () => {
    const open = createOutboundPolicy(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'crm.internal']);
    expect(open.checkAddress('localhost', '127.0.0.1')).toBeUndefined();
    expect(open.checkAddress('localhost', '::ffff:127.0.0.1')).toBeUndefined();
    expect(open.checkAddress('localhost', '127.0.0.2')).toBeInstanceOf(OutboundBlockedError);
    expect(open.checkAddress('x', '10.9.8.7')).toBeUndefined();
    expect(open.checkAddress('x', 'fd00::5')).toBeUndefined();
    expect(open.checkAddress('x', '192.168.0.1')).toBeInstanceOf(OutboundBlockedError);
    expect(open.checkAddress('CRM.internal', '192.168.0.1')).toBeUndefined();
    expect(open.checkHost('10.0.0.1')).toBeUndefined();
  });

  it('tells allowlist entries apart and refuses malformed ones', () => {
    expect(parseAllowEntry('127.0.0.1')).toBe('address');
    expect(parseAllowEntry('10.0.0.0/8')).toBe('address');
    expect(parseAllowEntry('fc00::/7')).toBe('address');
    expect(parseAllowEntry('crm.internal')).toBe('host');
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0/8/1', 'crm.internal/8', 'a b', 'http://x', '-x.com', '', 'x'.repeat(300)]) {
      expect(parseAllowEntry(bad), bad).toBeUndefined();
    }
  });
});

describe('HOOKFLOW_OUTBOUND_ALLOW', () => {
  it('is empty by default: everything private is refused', () => {
    expect(loadConfig({}).outboundAllow).toEqual([]);
  });

  it('reads comma-separated entries, ignoring spaces and empty ones', () => {
    expect(loadConfig({ HOOKFLOW_OUTBOUND_ALLOW: ' 127.0.0.1, 10.0.0.0/8 ,,crm.internal ' }).outboundAllow).toEqual(['127.0.0.1', '10.0.0.0/8', 'crm.internal']);
  });

  it('stops the start naming a bad entry', () => {
    expect(() => loadConfig({ HOOKFLOW_OUTBOUND_ALLOW: '127.0.0.1, 10.0.0.0/99, https://x' })).toThrow(
      /HOOKFLOW_OUTBOUND_ALLOW has "10\.0\.0\.0\/99", which is not a host name, an IP address or a CIDR range[\s\S]*"https:\/\/x"/,
    );
  });
});

describe('HOOKFLOW_EXPRESSION_MAX_RESULT_BYTES', () => {
  it('defaults to 10 MiB and is bounded', () => {
    expect(loadConfig({}).expressionMaxResultBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ HOOKFLOW_EXPRESSION_MAX_RESULT_BYTES: '2048' }).expressionMaxResultBytes).toBe(2048);
    expect(() => loadConfig({ HOOKFLOW_EXPRESSION_MAX_RESULT_BYTES: '10' })).toThrow(/must be at least 1024/);
  });
});
