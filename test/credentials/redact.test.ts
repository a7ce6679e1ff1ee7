import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../server/credentials/redact.js';

describe('createRedactor', () => {
  it('replaces every occurrence inside strings, keys, arrays and nested objects', () => {
    const redactor = createRedactor(['s3cr3t', 'tok-123']);
    const value = { a: 'x s3cr3t y s3cr3t', list: ['tok-123', 1, null, true], nested: { 'key-s3cr3t': { deep: 'Bearer tok-123' } } };
    expect(redactor.value(value)).toEqual({
      a: 'x [redacted] y [redacted]',
      list: ['[redacted]', 1, null, true],
      nested: { 'key-[redacted]': { deep: 'Bearer [redacted]' } },
    });
    expect(value.a).toBe('x s3cr3t y s3cr3t');
  });

  it('returns parts without secrets as they are, and keeps shared values shared', () => {
    const redactor = createRedactor(['s3cr3t']);
    const clean = { a: 1, b: ['x'] };
    const shared = { token: 's3cr3t' };
    const value = { clean, one: shared, two: shared };
    const redacted = redactor.value(value);
    expect(redacted.clean).toBe(clean);
    expect(redacted.one).toBe(redacted.two);
    expect(redactor.value(clean)).toBe(clean);
  });

  it('redacts the longer of two overlapping secrets whole, and treats secrets as text, not patterns', () => {
    const redactor = createRedactor(['abc', 'abcdef', 'a.b*c']);
    expect(redactor.text('abcdef abc a.b*c aXbc')).toBe('[redacted] [redacted] [redacted] aXbc');
  });

  it('does not let a "__proto__" key change the prototype of the copy', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "s3cr3t"}}') as Record<string, unknown>;
    const redacted = createRedactor(['s3cr3t']).value(value);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value).toEqual({ polluted: '[redacted]' });
  });

  it('changes nothing without secrets', () => {
    const value = { a: 'text' };
    expect(createRedactor([]).value(value)).toBe(value);
    expect(createRedactor(['']).text('text')).toBe('text');
  });
});
