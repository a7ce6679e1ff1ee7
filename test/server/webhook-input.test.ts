import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ HOOKFLOW_MAX_BODY_BYTES: '2048' });
  await app.createFlow(flowDocument('echo', { in: ['webhook', { path: 'input/echo', methods: ['POST', 'PUT'] }], out: ['transform', { expression: '{ "body": body, "query": query }' }] }, [['in', 'out']]));
});
afterAll(() => app.close());

const send = (init: RequestInit & { path?: string }) => fetch(`${app.url}${init.path ?? '/webhook/input/echo'}`, { method: 'POST', ...init });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

describe('webhook input', () => {
  it('parses JSON, form-urlencoded and text bodies by their content type', async () => {
    const json = await send({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"a":[1,2]}' });
    expect(await json.json()).toEqual({ body: { a: [1, 2] }, query: {} });
    const vendorJson = await send({ headers: { 'content-type': 'application/vnd.shop+json' }, body: '{"b":1}' });
    expect(((await vendorJson.json()) as { body: unknown }).body).toEqual({ b: 1 });
    const form = await send({ path: '/webhook/input/echo?source=site&tag=a&tag=b', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Ada+L&topic=a&topic=b&__proto__=x' });
    expect(await form.json()).toEqual({ body: { name: 'Ada L', topic: ['a', 'b'], ['__proto__']: 'x' }, query: { source: 'site', tag: ['a', 'b'] } });
    const text = await send({ headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(((await text.json()) as { body: unknown }).body).toBe('hello');
    const empty = await send({ method: 'PUT' });
    expect(await empty.json()).toEqual({ query: {} });
  });

  it('accepts JSON that starts with a UTF-8 byte order mark', async () => {
    const response = await send({ headers: { 'content-type': 'application/json' }, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bom":true}')]) });
    expect(((await response.json()) as { body: unknown }).body).toEqual({ bom: true });
  });

  it('refuses a compressed body with 415 instead of misreading it', async () => {
    const error = await expectError(await send({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"a":1}') }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/content encoding "gzip".*uncompressed/);
  });

  it('refuses an unknown path with 404', async () => {
    await expectError(await send({ path: '/webhook/input/nothing-here' }), 404, 'WEBHOOK_NOT_FOUND');
    await expectError(await send({ path: '/webhook/' }), 404, 'WEBHOOK_NOT_FOUND');
    await expectError(await send({ path: `/webhook/${'0'.repeat(64)}` }), 404, 'WEBHOOK_NOT_FOUND');
  });

  it('refuses a method the trigger does not allow with 405 and an Allow header', async () => {
    const response = await send({ method: 'DELETE' });
    expect(response.headers.get('allow')).toBe('POST, PUT');
    await expectError(response, 405, 'METHOD_NOT_ALLOWED');
  });

  it('refuses malformed JSON with 400', async () => {
    const error = await expectError(await send({ headers: { 'content-type': 'application/json' }, body: '{"a": ' }), 400, 'INVALID_JSON');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('refuses a body over the limit with 413, whether declared or streamed', async () => {
    await expectError(await send({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(5000) }) }), 413, 'PAYLOAD_TOO_LARGE');
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${app.url}/webhook/input/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(`{"pad":"${'y'.repeat(3000)}`);
      req.end(`"}`);
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses unsupported media types and charsets with 415', async () => {
    await expectError(await send({ headers: { 'content-type': 'application/xml' }, body: '<a/>' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(await send({ headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(await send({ headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(await send({ headers: { 'content-type': '' }, body: 'raw' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps answering after hostile input', async () => {
    const deep = '['.repeat(1000) + ']'.repeat(1000);
    const response = await send({ headers: { 'content-type': 'application/json' }, body: deep });
    expect(response.status).toBe(400);
    const ok = await send({ headers: { 'content-type': 'application/json' }, body: '{"still":"alive"}' });
    expect(ok.status).toBe(200);
  });

  it('redacts credentials from the recorded request', async () => {
    await send({ headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret', 'x-shop-token': 't0ken', 'x-trace': 'keep' }, body: '{"n":1}' });
    const record = await eventually(async () => {
      const list = (await (await fetch(`${app.url}/api/executions?flowId=echo&limit=1`, { headers: app.authHeaders })).json()) as { items: Array<{ id: string }> };
      const text = await (await fetch(`${app.url}/api/executions/${list.items[0]!.id}`, { headers: app.authHeaders })).text();
      return text.includes('x-trace') ? text : undefined;
    });
    expect(record).not.toMatch(/s3cret|t0ken/);
    expect(JSON.parse(record).request.headers).toMatchObject({ authorization: '[redacted]', 'x-shop-token': '[redacted]', 'x-trace': 'keep' });
  });
});

describe('deeply nested data', () => {
  it('refuses a JSON body nested deeper than the limit with 400', async () => {
    const deep = '['.repeat(300) + ']'.repeat(300);
    const error = await expectError(await send({ headers: { 'content-type': 'application/json' }, body: deep }), 400, 'INVALID_JSON');
    expect(error.message).toMatch(/nested more than 200 levels/);
  });

  it('records an execution whose data is too deep to serialise without its payloads, instead of losing it', async () => {
    const deepJson = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const upstream = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(deepJson));
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    try {
      const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/deep`;
      await app.createFlow(flowDocument('deep-answer', { in: ['webhook', { path: 'input/deep', respond: 'immediately' }], fetch: ['http-request', { url }] }, [['in', 'fetch']]));
      const { executionId } = (await (await send({ path: '/webhook/input/deep' })).json()) as { executionId: string };
      const record = await eventually(async () => {
        const found = (await (await fetch(`${app.url}/api/executions/${executionId}`, { headers: app.authHeaders })).json()) as { status: string; truncated?: string; nodes: Array<{ output?: unknown }> };
        return found.status === 'succeeded' ? found : undefined;
      });
      expect(record.truncated).toMatch(/could not be recorded/);
      expect(record.nodes[1]!.output).toBe('[omitted: too deeply nested to record]');
    } finally {
      upstream.close();
    }
  });
});
