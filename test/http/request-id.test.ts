import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assignRequestId, requestIdFrom, requestIdOf } from '../../server/http/request-id.js';

const requestWith = (headers: Record<string, string>) => Object.assign(new IncomingMessage(new Socket()), { headers });

describe('request ids', () => {
  it('keeps a well-formed caller id and replaces anything else with a UUID', () => {
    expect(requestIdOf(requestWith({ 'x-request-id': 'abc-123' }))).toBe('abc-123');
    for (const bad of ['', 'a b', 'x'.repeat(129), 'ü', '\n']) expect(requestIdOf(requestWith({ 'x-request-id': bad }))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the id on the answer, where log lines about the request read it', () => {
    const req = requestWith({ 'x-request-id': 'trace-7' });
    const res = new ServerResponse(req);
    expect(requestIdFrom(res)).toBeUndefined();
    assignRequestId(req, res);
    expect(res.getHeader('x-request-id')).toBe('trace-7');
    expect(requestIdFrom(res)).toBe('trace-7');
  });
});
