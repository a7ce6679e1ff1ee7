import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePorts, runTestFlow } from '../helpers/run-test-flow.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

/** Answers by path: /json echoes the request as JSON, the others test the failure cases. */
async function answer(request: IncomingMessage, response: ServerResponse) {
  let body = '';
  for await (const chunk of request) body += chunk;
  const path = new URL(request.url!, 'http://x').pathname;
  seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
  if (path === '/json') return response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ok: true, echo: body }));
  if (path === '/text') return response.writeHead(200, { 'content-type': 'text/plain' }).end('plain answer');
  if (path === '/missing') return response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such contact"}');
  if (path === '/bad-json') return response.writeHead(200, { 'content-type': 'application/json' }).end('{oops');
  if (path === '/slow') return setTimeout(() => response.end('late'), 2000).unref();
  if (path === '/big') return response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(10_000));
  if (path === '/big-chunked') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 10; i++) response.write('y'.repeat(1000));
    return response.end();
  }
  response.writeHead(500).end();
}

beforeAll(async () => {
  server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const requestFlow = (config: Record<string, unknown>) => probePorts('http-request', config, ['success', 'error']);

async function call(config: Record<string, unknown>, body?: unknown) {
  const { output, error } = await runTestFlow(requestFlow(config), { body });
  expect(error).toBeUndefined();
  return output as { port: string; result: { status?: number; headers?: Record<string, string>; body?: unknown; error?: { code: string; message: string } } };
}

describe('http-request', () => {
  it('sends templated url, query and headers with a JSON body, and reads a JSON answer', async () => {
    const { port, result } = await call(
      {
        method: 'POST',
        url: `${base}/json?fixed=1`,
        query: [{ name: 'contact', value: '{{ body.id }}' }, { name: 'q', value: 'a b&c' }],
        headers: [{ name: 'X-Device', value: 'dev-{{ body.serial }}' }],
        body: '{ "device": body.serial }',
      },
      { id: 7, serial: 'PLE654' },
    );
    expect(port).toBe('success');
    expect(result).toMatchObject({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(result.body).toEqual({ ok: true, echo: '{"device":"PLE654"}' });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/json?fixed=1&contact=7&q=a+b%26c' });
    expect(request.headers).toMatchObject({ 'x-device': 'dev-PLE654', 'content-type': 'application/json' });
  });

  it('sends a string body as it is when a content-type header is set', async () => {
    await call({ method: 'PUT', url: `${base}/json`, headers: [{ name: 'Content-Type', value: 'text/csv' }], body: '"a,b\\n1,2"' });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', body: 'a,b\n1,2', headers: expect.objectContaining({ 'content-type': 'text/csv' }) });
  });

  it('reads a text answer as text, and as JSON only when asked', async () => {
    expect((await call({ url: `${base}/text` })).result.body).toBe('plain answer');
    expect((await call({ url: `${base}/json`, responseFormat: 'text' })).result.body).toBe('{"ok":true,"echo":""}');
  });

  it('takes the error port on a non-2xx status, with status and body', async () => {
    const { port, result } = await call({ url: `${base}/missing` });
    expect(port).toBe('error');
    expect(result).toEqual({ error: { code: 'HTTP_STATUS', message: 'The server answered 404 Not Found.' }, status: 404, body: { error: 'no such contact' } });
  });

  it('takes success on a non-2xx status with failOn: never', async () => {
    expect(await call({ url: `${base}/missing`, failOn: 'never' })).toMatchObject({ port: 'success', result: { status: 404 } });
  });

  it('takes the error port on an answer that is not the JSON it claims', async () => {
    expect(await call({ url: `${base}/bad-json` })).toMatchObject({ port: 'error', result: { error: { code: 'INVALID_JSON' }, status: 200, body: '{oops' } });
  });

  it('takes the error port when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port: closedPort } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { port, result } = await call({ url: `http://127.0.0.1:${closedPort}/` });
    expect(port).toBe('error');
    expect(result.error).toMatchObject({ code: 'ECONNREFUSED', message: expect.stringContaining(`127.0.0.1:${closedPort}`) });
  });

  it('takes the error port when the answer takes longer than timeoutMs', async () => {
    const started = performance.now();
    const { port, result } = await call({ url: `${base}/slow`, timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(port).toBe('error');
    expect(result.error).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('within 200 ms') });
  });

  it('takes the error port on a response larger than maxResponseBytes, with or without content-length', async () => {
    for (const path of ['/big', '/big-chunked']) {
      const { port, result } = await call({ url: `${base}${path}`, maxResponseBytes: 5000 });
      expect(port).toBe('error');
      expect(result).toMatchObject({ error: { code: 'RESPONSE_TOO_LARGE' }, status: 200 });
    }
    expect((await call({ url: `${base}/big`, maxResponseBytes: 10_000 })).port).toBe('success');
  });

  it('ends the branch quietly when the error port is not wired', async () => {
    const flow = { nodes: { in: 'webhook', call: { type: 'http-request', config: { url: `${base}/missing` } } }, edges: ['in -> call'] };
    const { outcome } = await runTestFlow(flow);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.nodes.at(-1)).toMatchObject({ nodeId: 'call', port: 'error' });
  });

  it('refuses a URL that is not absolute http(s): at save when fixed, at run when rendered', async () => {
    await expect(runTestFlow(requestFlow({ url: 'file:///etc/passwd' }))).rejects.toThrow('must be an absolute http:// or https:// URL');
    await expect(runTestFlow(requestFlow({ url: `${base}/json`, method: 'GET', body: '1' }))).rejects.toThrow('A GET or HEAD request carries no body');
    const { error } = await runTestFlow(requestFlow({ url: '{{ body.target }}' }), { body: { target: 'ftp://example.com/file' } });
    expect(error).toContain('The URL must be an absolute http:// or https:// URL, but it is "ftp://example.com/file".');
  });

  it('refuses a rendered header value with a line break', async () => {
    const flow = requestFlow({ url: `${base}/json`, headers: [{ name: 'X-Name', value: '{{ body.name }}' }] });
    const before = seen.length;
    const { error } = await runTestFlow(flow, { body: { name: 'a\r\nX-Admin: 1' } });
    expect(error).toContain('The value of header "X-Name" contains a line break');
    expect(seen.length).toBe(before);
  });
});
