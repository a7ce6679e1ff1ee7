import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
let sink: HttpSink;
const api = apiClient(() => app.url, () => app.authHeaders);

beforeAll(async () => {
  [app, sink] = await Promise.all([startTestApp(), startHttpSink()]);
});
afterAll(() => Promise.all([app.close(), sink.close()]));

/** hook → counter → respond → CRM request (→ error: e-mail to support), on the path `orders/new`. */
const orderFlow = () =>
  flowDocument(
    'preview-orders',
    {
      hook: ['webhook', { path: 'orders/new' }],
      number: ['counter', { name: 'preview-orders', start: 100, prefix: 'ORD-' }],
      answer: ['respond', { status: 201, headers: [{ name: 'x-order', value: '{{ text }}' }], body: '{ "order": text, "customer": $trigger.body.customer, "via": $trigger.headers."x-source" }' }],
      crm: ['http-request', { method: 'POST', url: `${sink.url}/contacts`, body: '{ "order": text }' }],
      alert: ['email', { from: 'shop@example.com', to: ['support@example.com'], subject: 'CRM failed for {{ text }}' }],
    },
    [['hook', 'number'], ['number', 'answer'], ['answer', 'crm'], ['crm', 'alert', 'error']],
  );

const preview = (flow: unknown, sample?: unknown) => api.post('/api/preview', sample === undefined ? { flow } : { flow, sample });

describe('POST /api/preview', () => {
  it('runs an unsaved draft on the sample, answers every node, the respond node answer and the result, and records nothing', async () => {
    const { status, body } = await preview(orderFlow(), { method: 'post', headers: { 'X-Source': 'shop' }, query: { debug: '1' }, body: { customer: 'Ada' } });
    expect(status).toBe(200);
    expect(body.status).toBe('succeeded');
    expect(body.response).toEqual({ status: 201, headers: { 'x-order': 'ORD-100' }, body: { order: 'ORD-100', customer: 'Ada', via: 'shop' } });
    expect(body.nodes.map((node: { nodeId: string }) => node.nodeId)).toEqual(['hook', 'number', 'answer', 'crm', 'alert']);
    const [hook, number, , crm, alert] = body.nodes;
    expect(hook).toMatchObject({ type: 'webhook', status: 'succeeded', input: { method: 'POST', path: '/webhook-test/orders/new', headers: { 'x-source': 'shop' }, query: { debug: '1' }, body: { customer: 'Ada' } } });
    expect(number).toEqual({ nodeId: 'number', type: 'counter', status: 'succeeded', input: expect.anything(), output: { value: 100, text: 'ORD-100' }, port: 'out', durationMs: expect.any(Number) });
    expect(crm).toMatchObject({ type: 'http-request', port: 'error', skipped: 'Preview does not send HTTP requests; save and call the webhook to run it for real.' });
    expect(crm.output.error.code).toBe('PREVIEW_SKIPPED');
    expect(alert).toMatchObject({ type: 'email', port: 'error', skipped: 'Preview does not send e-mail; save and call the webhook to run it for real.' });
    expect(body.result).toEqual(alert.output);
    expect(sink.requests).toEqual([]);
    expect((await api.get('/api/executions')).body.total).toBe(0);
    expect((await api.get('/api/flows/preview-orders')).status).toBe(404);
  });

  it('counts in a fresh store each time, so previews never advance the real sequence', async () => {
    const first = await preview(orderFlow());
    const second = await preview(orderFlow());
    expect([first.body.nodes[1].output.text, second.body.nodes[1].output.text]).toEqual(['ORD-100', 'ORD-100']);
    const counted = flowDocument('real-counter', { hook: ['webhook', { path: 'real/counter' }], number: ['counter', { name: 'preview-orders', start: 100 }] }, [['hook', 'number']]);
    await app.createFlow(counted);
    expect(await (await app.post('/webhook/real/counter', {})).json()).toEqual({ value: 100, text: '100' });
  });

  it('uses the first method the webhook accepts when the sample names none, and runs without a sample', async () => {
    const flow = flowDocument('methods', { hook: ['webhook', { methods: ['PUT', 'POST'] }], echo: ['transform', { expression: '$trigger.method' }] }, [['hook', 'echo']]);
    const { body } = await preview(flow);
    expect(body).toMatchObject({ status: 'succeeded', result: 'PUT' });
  });

  it('reports a node that fails, with its error, and does not mark it skipped', async () => {
    const flow = flowDocument('fails', { hook: ['webhook'], broken: ['transform', { expression: '$number(body.n)' }] }, [['hook', 'broken']]);
    const { status, body } = await preview(flow, { body: { n: 'not a number' } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'failed', error: { nodeId: 'broken', code: 'NODE_FAILED' } });
    expect(body.nodes[1]).toMatchObject({ nodeId: 'broken', status: 'failed', error: expect.any(String) });
    expect(body.nodes[1].skipped).toBeUndefined();
    expect(body.result).toBeUndefined();
  });

  it('answers a draft that does not compile with status "invalid" and every problem (a draft, not a failed request)', async () => {
    const flow = flowDocument('broken', { hook: ['webhook'], sum: ['transform', { expression: '{ "total": $sum(' }], ghost: ['no-such-type'] }, [['hook', 'sum']]);
    const { status, body } = await preview(flow, { body: {} });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'invalid', nodes: [] });
    expect(body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nodes[1].config.expression', nodeId: 'sum', position: expect.any(Number) }),
        expect.objectContaining({ path: 'nodes[2].type', nodeId: 'ghost' }),
      ]),
    );
    for (const missing of [{ sample: {} }, { flow: 'broken', sample: {} }, { flow: [], sample: {} }]) {
      expect(expectApiError(await api.post('/api/preview', missing), 400, 'BAD_PREVIEW').message).toMatch(/flow document/);
    }
  });

  it('previews a draft with nodes not connected yet: they simply do not run', async () => {
    const flow = flowDocument('draft', { hook: ['webhook'], shout: ['transform', { expression: '"hi"' }], loose: ['transform', { expression: '"never"' }] }, [['hook', 'shout']], { active: false });
    const { body } = await preview(flow);
    expect(body).toMatchObject({ status: 'succeeded', result: 'hi' });
    expect(body.nodes.map((node: { nodeId: string }) => node.nodeId)).toEqual(['hook', 'shout']);
  });

  it('refuses a sample that is not an object, or malformed, with 400 BAD_SAMPLE', async () => {
    const flow = orderFlow();
    for (const sample of [[], 'body', 42, null, true]) {
      expect(expectApiError(await preview(flow, sample), 400, 'BAD_SAMPLE').message).toMatch(/sample/);
    }
    expectApiError(await preview(flow, { method: 'PO ST' }), 400, 'BAD_SAMPLE');
    expectApiError(await preview(flow, { headers: { 'bad header': 'x' } }), 400, 'BAD_SAMPLE');
    expectApiError(await preview(flow, { headers: { accept: 42 } }), 400, 'BAD_SAMPLE');
    expectApiError(await preview(flow, { query: 'a=1' }), 400, 'BAD_SAMPLE');
  });

  it('refuses hostile input: a body nested too deep, over the API limit, not JSON, or an array', async () => {
    const deep = JSON.stringify({ flow: orderFlow(), sample: { body: 0 } }).replace('"body":0', `"body":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const nested = expectApiError(await api.send('POST', '/api/preview', { raw: deep, headers: { 'content-type': 'application/json' } }), 400, 'BAD_SAMPLE');
    expect(nested.message).toMatch(/200 levels/);
    expectApiError(await preview(orderFlow(), { body: 'x'.repeat(6 * 1024 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
    expectApiError(await api.send('POST', '/api/preview', { raw: '{"flow":', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_JSON');
    expectApiError(await api.send('POST', '/api/preview', { raw: '{}', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectApiError(await api.post('/api/preview', [orderFlow()]), 400, 'BAD_REQUEST');
    const proto = await api.send('POST', '/api/preview', { raw: JSON.stringify({ flow: orderFlow(), sample: {} }).replace('"sample":{}', '"sample":{"__proto__":{"body":1},"headers":{"__proto__":"x"}}'), headers: { 'content-type': 'application/json' } });
    expect(proto.status).toBe(200);
    expect(proto.body.nodes[0].input.headers).toEqual({});
  });

  it('bounds expressions and the whole run', async () => {
    const slow = await startTestApp({ HOOKFLOW_EXECUTION_TIMEOUT_MS: '1000', HOOKFLOW_EXPRESSION_TIMEOUT_MS: '50' });
    const slowApi = apiClient(slow.url, slow.authHeaders);
    try {
      const waiting = flowDocument('waits', { hook: ['webhook'], pause: ['delay', { amount: 5, unit: 'minutes' }] }, [['hook', 'pause']]);
      const started = Date.now();
      const timedOut = await slowApi.post('/api/preview', { flow: waiting, sample: {} });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(timedOut.body).toMatchObject({ status: 'timeout', error: { code: 'FLOW_TIMEOUT' } });
      expect(timedOut.body.nodes[1]).toMatchObject({ nodeId: 'pause', status: 'failed' });

      const spin = flowDocument('spins', { hook: ['webhook'], spin: ['transform', { expression: '($f := function($n) { $n > 0 ? $f($n - 1) : 0 }; $f(100000000))' }] }, [['hook', 'spin']]);
      const stopped = await slowApi.post('/api/preview', { flow: spin, sample: {} });
      expect(stopped.body).toMatchObject({ status: 'failed', error: { nodeId: 'spin' } });
    } finally {
      await slow.close();
    }
  });
});
