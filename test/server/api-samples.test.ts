import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);

const ordersFlow = (id = 'orders') =>
  flowDocument(id, { hook: ['webhook', { path: `${id}/in`, methods: ['PUT', 'POST'] }], total: ['transform', { expression: '{ "total": $sum(body.items) }' }] }, [['hook', 'total']]);

beforeAll(async () => {
  app = await startTestApp();
  await app.createFlow(ordersFlow());
});
afterAll(() => app.close());

describe('GET and PUT /api/flows/:id/sample', () => {
  it('answers { sample: null } before a sample is stored, and 404 FLOW_NOT_FOUND for an unknown flow', async () => {
    await app.createFlow(ordersFlow('fresh'));
    expect(await api.get('/api/flows/fresh/sample')).toMatchObject({ status: 200, body: { sample: null } });
    expectApiError(await api.get('/api/flows/nope/sample'), 404, 'FLOW_NOT_FOUND');
    expectApiError(await api.put('/api/flows/nope/sample', { body: {} }), 404, 'FLOW_NOT_FOUND');
  });

  it('stores a sample typed by hand, credentials redacted, and answers it as kept', async () => {
    const { status, body } = await api.put('/api/flows/orders/sample', {
      headers: { Authorization: 'Bearer secret', 'X-Shop-Token': 'abc', 'Content-Type': 'application/json' },
      query: { source: ['shop', 'app'] },
      body: { items: [1, 2] },
    });
    expect(status).toBe(200);
    expect(body.sample).toEqual({
      method: 'PUT',
      path: '/webhook-test/orders/in',
      headers: { authorization: '[redacted]', 'x-shop-token': '[redacted]', 'content-type': 'application/json' },
      query: { source: ['shop', 'app'] },
      body: { items: [1, 2] },
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await api.get('/api/flows/orders/sample')).body).toEqual(body);
    const replaced = await api.put('/api/flows/orders/sample', { method: 'post', body: 'plain text' });
    expect(replaced.body.sample).toMatchObject({ method: 'POST', headers: {}, query: {}, body: 'plain text' });
  });

  it('keeps samples out of flow exports and out of the flow data file', async () => {
    await api.put('/api/flows/orders/sample', { body: { customer: 'Private Person' } });
    const exported = await api.get('/api/flows/orders/export');
    const bundle = await api.get('/api/export');
    for (const text of [exported.text, bundle.text]) expect(text).not.toContain('Private Person');
    await eventually(async () => ((await readFile(path.join(app.dataDir, 'samples.json'), 'utf8')).includes('Private Person') ? true : undefined));
    expect(await readFile(path.join(app.dataDir, 'hookflow.json'), 'utf8')).not.toContain('Private Person');
  });

  it('deletes the sample with its flow', async () => {
    await app.createFlow(ordersFlow('short-lived'));
    await api.put('/api/flows/short-lived/sample', { body: { n: 1 } });
    expect((await api.delete('/api/flows/short-lived')).status).toBe(204);
    expectApiError(await api.get('/api/flows/short-lived/sample'), 404, 'FLOW_NOT_FOUND');
    await app.createFlow(ordersFlow('short-lived'));
    expect((await api.get('/api/flows/short-lived/sample')).body).toEqual({ sample: null });
  });

  it('refuses malformed, oversized and hostile samples and changes nothing', async () => {
    await api.put('/api/flows/orders/sample', { body: 'kept' });
    expectApiError(await api.put('/api/flows/orders/sample', [{ body: 1 }]), 400, 'BAD_REQUEST');
    expectApiError(await api.put('/api/flows/orders/sample', 'text'), 400, 'INVALID_JSON');
    expectApiError(await api.send('PUT', '/api/flows/orders/sample', { raw: '{"body":', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_JSON');
    expectApiError(await api.send('PUT', '/api/flows/orders/sample', { raw: '{}', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectApiError(await api.put('/api/flows/orders/sample', { method: 'GET /x', body: 1 }), 400, 'BAD_SAMPLE');
    expectApiError(await api.put('/api/flows/orders/sample', { headers: { 'x\r\ninjected': 'v' } }), 400, 'BAD_SAMPLE');
    expectApiError(await api.put('/api/flows/orders/sample', { headers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`x-h${i}`, 'v'])) }), 400, 'BAD_SAMPLE');
    expectApiError(await api.put('/api/flows/orders/sample', { query: { a: { nested: true } } }), 400, 'BAD_SAMPLE');
    const deep = `{"body":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expectApiError(await api.send('PUT', '/api/flows/orders/sample', { raw: deep, headers: { 'content-type': 'application/json' } }), 400, 'BAD_SAMPLE');
    const large = expectApiError(await api.put('/api/flows/orders/sample', { body: 'x'.repeat(1024 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
    expect(large.message).toMatch(/1 MB/);
    expectApiError(await api.put('/api/flows/orders/sample', { body: 'x'.repeat(6 * 1024 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
    expect((await api.get('/api/flows/orders/sample')).body.sample.body).toBe('kept');
  });
});

describe('POST /api/flows/:id/listen', () => {
  const listen = (query = '', signal?: AbortSignal) => fetch(`${app.url}/api/flows/orders/listen${query}`, { method: 'POST', signal, headers: app.authHeaders });

  it('answers every listener with the next test call, stored as the sample (redacted); the call itself runs as always', async () => {
    const listening = [listen('?timeoutMs=10000'), listen()];
    await eventually(async () => (app.samples.listeners.size === 2 ? true : undefined));
    const call = await app.post('/webhook-test/orders/in?from=test', { items: [2, 3] }, { authorization: 'Basic c2VjcmV0' });
    expect(call.status).toBe(200);
    expect(await call.json()).toEqual({ total: 5 });
    const answers = await Promise.all(listening);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const [first, second] = (await Promise.all(answers.map((answer) => answer.json()))) as [{ sample: Record<string, unknown> }, unknown];
    expect(first).toEqual(second);
    expect(first.sample).toMatchObject({ method: 'POST', path: '/webhook-test/orders/in', query: { from: 'test' }, body: { items: [2, 3] } });
    expect(first.sample.headers).toMatchObject({ authorization: '[redacted]', 'content-type': 'application/json' });
    expect((await api.get('/api/flows/orders/sample')).body).toEqual(first);
    expect(app.samples.listeners.size).toBe(0);
  });

  it('answers 204 when nothing arrives in time; a live call is not a test call', async () => {
    const started = Date.now();
    const waiting = listen('?timeoutMs=1000');
    await eventually(async () => (app.samples.listeners.size === 1 ? true : undefined));
    expect((await app.post('/webhook/orders/in', { items: [1] })).status).toBe(200);
    const answer = await waiting;
    expect(answer.status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(app.samples.listeners.size).toBe(0);
  });

  it('stops waiting when the client goes away', async () => {
    const gone = new AbortController();
    const waiting = listen('?timeoutMs=60000', gone.signal).catch((error: unknown) => error);
    await eventually(async () => (app.samples.listeners.size === 1 ? true : undefined));
    gone.abort();
    expect(await waiting).toBeInstanceOf(Error);
    await eventually(async () => (app.samples.listeners.size === 0 ? true : undefined));
  });

  it('refuses a bad timeout with 400 and an unknown flow with 404', async () => {
    for (const query of ['?timeoutMs=999', '?timeoutMs=120001', '?timeoutMs=soon', '?timeoutMs=1500.5', '?timeoutMs=']) {
      expect(expectApiError(await api.post(`/api/flows/orders/listen${query}`), 400, 'BAD_QUERY').message).toMatch(/timeoutMs/);
    }
    expectApiError(await api.post('/api/flows/nope/listen?timeoutMs=1000'), 404, 'FLOW_NOT_FOUND');
    expect(app.samples.listeners.size).toBe(0);
  });

  it('tells the listener when the caught request is too large to keep, and still runs the call', async () => {
    const roomy = await startTestApp({ HOOKFLOW_MAX_BODY_BYTES: String(2 * 1024 * 1024) });
    try {
      await roomy.createFlow(ordersFlow());
      const waiting = fetch(`${roomy.url}/api/flows/orders/listen?timeoutMs=10000`, { method: 'POST', headers: roomy.authHeaders });
      await eventually(async () => (roomy.samples.listeners.size === 1 ? true : undefined));
      const call = await roomy.post('/webhook-test/orders/in', { items: [1], padding: 'x'.repeat(1536 * 1024) });
      expect(await call.json()).toEqual({ total: 1 });
      const answer = await waiting;
      expect(answer.status).toBe(413);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await roomy.close();
    }
  });
});
