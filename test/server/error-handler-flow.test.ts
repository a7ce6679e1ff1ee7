import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../server/store/types.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

// Issue 5, item 3: an error-handler flow for alerts, shown with a target that is down.

/** A port on 127.0.0.1 that nothing listens on: a target that is down. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let app: TestApp;
let sink: HttpSink;
let downPort: number;
let downUrl: string;

beforeEach(async () => {
  [app, sink, downPort] = await Promise.all([startTestApp(), startHttpSink(), closedPort()]);
  downUrl = `http://127.0.0.1:${downPort}/contacts`;
});
afterEach(async () => {
  await Promise.all([app.close(), sink.close()]);
});

/** The refusal the http-request node reports for the down target. */
const refused = () => ({ code: 'ECONNREFUSED', message: `The request to 127.0.0.1:${downPort} failed: connect ECONNREFUSED 127.0.0.1:${downPort}` });

/** Flow A: syncs an order to a CRM that is down; without `errorPort`, the error port leads to a node that gives up (the execution fails). */
function orderSync(id: string, path: string, errorPort: 'answer' | 'give-up' = 'give-up') {
  const nodes: Record<string, [string, Record<string, unknown>?]> = {
    in: ['webhook', { path }],
    crm: ['http-request', { method: 'POST', url: downUrl, body: 'body', timeoutMs: 3000 }],
  };
  if (errorPort === 'answer') nodes.answer = ['respond', { status: 502, body: '{ "error": error }' }];
  else nodes['give-up'] = ['transform', { expression: '$error("CRM unreachable: " & error.message)' }];
  return flowDocument(id, nodes, [['in', 'crm'], ['crm', errorPort, 'error']], { name: `Order sync ${id}` });
}

/** Flow B: on a failure of `watched` (all flows when empty), posts an alert to the sink at `/alerts/<id>`. */
function alertFlow(id: string, watched: string[]) {
  return flowDocument(
    id,
    {
      failed: ['error-trigger', { flows: watched }],
      alert: [
        'http-request',
        {
          method: 'POST',
          url: `${sink.url}/alerts/${id}`,
          body: '{ "text": "Flow " & body.flow.name & " failed: " & body.execution.error.message, "executionId": body.execution.id, "report": body }',
        },
      ],
    },
    [['failed', 'alert']],
    { name: `Alert ${id}` },
  );
}

async function recordsOf(flowId: string): Promise<ExecutionRecord[]> {
  const page = await app.store.executions.list({ flowId, limit: 50 });
  return Promise.all(page.items.map(async (item) => (await app.store.executions.get(item.id))!));
}

/** Waits until every execution has finished and been recorded. */
const settled = () => eventually(async () => (app.executor.inFlightCount === 0 ? true : undefined), 10_000);

describe('an HTTP target that is down', () => {
  it('takes the error port when it is wired: the caller gets its answer and no error-handler flow runs', async () => {
    await app.createFlow(orderSync('a', 'orders/answer', 'answer'));
    await app.createFlow(alertFlow('alert', ['a']));
    const response = await app.post('/webhook/orders/answer', { orderId: 7 });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: refused() });
    await settled();
    const [record] = await recordsOf('a');
    expect(record).toMatchObject({ status: 'succeeded', mode: 'webhook' });
    expect(record!.nodes.find((node) => node.nodeId === 'crm')).toMatchObject({ status: 'succeeded', port: 'error' });
    expect(await recordsOf('alert')).toEqual([]);
    expect(sink.requests).toEqual([]);
  });

  it('starts the error-handler flow when the execution fails: it posts the failure to the sink, recorded with mode error', async () => {
    await app.createFlow(orderSync('a', 'orders/sync'));
    await app.createFlow(alertFlow('alert', ['a']));
    const response = await app.post('/webhook/orders/sync', { orderId: 7 }, { authorization: 'Bearer caller-secret', 'x-shop': 'demo' });
    expect(response.status).toBe(502);

    const posted = await eventually(async () => sink.requests[0], 10_000);
    await settled();
    const [failed] = await recordsOf('a');
    expect(failed).toMatchObject({ status: 'failed', mode: 'webhook', flowVersion: 1 });
    const message = `CRM unreachable: ${refused().message}`;
    expect(failed!.error).toEqual({ nodeId: 'give-up', code: expect.any(String), message: expect.stringContaining(message) });
    const report = {
      execution: {
        id: failed!.id,
        flowId: 'a',
        flowName: 'Order sync a',
        flowVersion: 1,
        mode: 'webhook',
        status: 'failed',
        startedAt: failed!.startedAt,
        finishedAt: failed!.finishedAt,
        error: failed!.error,
        failedNode: { id: 'give-up', type: 'transform', input: { error: refused() } },
      },
      flow: { id: 'a', name: 'Order sync a' },
    };
    expect(posted.method).toBe('POST');
    expect(posted.url).toBe('/alerts/alert');
    expect(posted.body).toEqual({ text: `Flow Order sync a failed: ${failed!.error!.message}`, executionId: failed!.id, report });
    // Nothing of the failed request travels: not its headers (the caller's secret), path or query.
    expect(JSON.stringify(posted.body)).not.toMatch(/caller-secret|x-shop|orders\/sync/);

    const [alert] = await recordsOf('alert');
    expect(alert).toMatchObject({ mode: 'error', status: 'succeeded', flowId: 'alert' });
    expect(alert!.request).toEqual({ method: 'POST', path: '', headers: {}, query: {}, body: report });
    expect(sink.requests).toHaveLength(1);
  });

  it('reports the input of a node that failed on the trigger request as its body only', async () => {
    await app.createFlow(
      flowDocument('first', { in: ['webhook', { path: 'first' }], boom: ['transform', { expression: '$error("no total")' }] }, [['in', 'boom']]),
    );
    await app.createFlow(alertFlow('alert', ['first']));
    expect((await app.post('/webhook/first?key=secret-query', { total: null }, { 'x-api-key': 'k1' })).status).toBe(502);
    const posted = await eventually(async () => sink.requests[0], 10_000);
    expect((posted.body as { report: { execution: { failedNode: unknown } } }).report.execution.failedNode).toEqual({
      id: 'boom',
      type: 'transform',
      input: { body: { total: null } },
    });
  });
});

describe('which error-handler flows run', () => {
  it('never for a failure of a test-URL call', async () => {
    await app.createFlow(orderSync('a', 'orders/sync'));
    await app.createFlow(alertFlow('alert', ['a']));
    expect((await app.post('/webhook-test/orders/sync', { orderId: 7 })).status).toBe(502);
    await settled();
    expect(await recordsOf('a')).toMatchObject([{ mode: 'test', status: 'failed' }]);
    expect(await recordsOf('alert')).toEqual([]);
  });

  it('only the active ones whose watched flows name the failed flow; an empty list watches every flow but error-handler flows', async () => {
    await app.createFlow(orderSync('a', 'orders/sync'));
    await app.createFlow(alertFlow('watches-a', ['a']));
    await app.createFlow(alertFlow('watches-all', []));
    await app.createFlow(alertFlow('watches-other', ['other']));
    await app.createFlow({ ...alertFlow('inactive', ['a']), active: false });
    expect((await app.post('/webhook/orders/sync', {})).status).toBe(502);
    await eventually(async () => (sink.requests.length === 2 ? true : undefined), 10_000);
    await settled();
    expect(sink.requests.map((request) => request.url).toSorted()).toEqual(['/alerts/watches-a', '/alerts/watches-all']);
    expect(await recordsOf('watches-other')).toEqual([]);
    expect(await recordsOf('inactive')).toEqual([]);
  });

  it('not for a failure of an error-handler flow, even where another one watches it by name (no loops)', async () => {
    await app.createFlow(orderSync('a', 'orders/sync'));
    await app.createFlow(
      flowDocument('broken-alert', { failed: ['error-trigger'], boom: ['transform', { expression: '$error("alerting is broken")' }] }, [['failed', 'boom']]),
    );
    await app.createFlow(alertFlow('watches-all', []));
    await app.createFlow(alertFlow('watches-broken', ['broken-alert']));
    expect((await app.post('/webhook/orders/sync', {})).status).toBe(502);
    await eventually(async () => sink.requests[0], 10_000);
    await settled();
    // Give a wrongly started second round the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settled();
    expect(await recordsOf('broken-alert')).toMatchObject([{ mode: 'error', status: 'failed', error: { nodeId: 'boom' } }]);
    expect(await recordsOf('watches-all')).toHaveLength(1);
    expect(await recordsOf('watches-broken')).toEqual([]);
    expect(sink.requests.map((request) => request.url)).toEqual(['/alerts/watches-all']);
  });

  it('for a re-run through the API that fails (mode api)', async () => {
    await app.createFlow(orderSync('a', 'orders/sync'));
    await app.createFlow(alertFlow('alert', ['a']));
    expect((await app.post('/webhook/orders/sync', {})).status).toBe(502);
    await eventually(async () => sink.requests[0], 10_000);
    await settled();
    const [failed] = await recordsOf('a');
    expect((await app.post(`/api/executions/${failed!.id}/rerun`, {})).status).toBe(201);
    const second = await eventually(async () => sink.requests[1], 10_000);
    expect((second.body as { report: { execution: { mode: string; id: string } } }).report.execution).toMatchObject({ mode: 'api' });
    expect((second.body as { executionId: string }).executionId).not.toBe(failed!.id);
  });
});

describe('a flow that starts on failures has no webhook URL', () => {
  it('answers its token at /webhook and /webhook-test exactly as an unknown path', async () => {
    await app.createFlow(alertFlow('alert', []));
    const { token } = (await app.store.flows.get('alert'))!;
    const unknown = 'f'.repeat(64);
    for (const prefix of ['/webhook/', '/webhook-test/']) {
      const response = await app.post(`${prefix}${token}`, {});
      const stranger = await app.post(`${prefix}${unknown}`, {});
      expect(response.status).toBe(404);
      expect(stranger.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      const strangerBody = (await stranger.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('WEBHOOK_NOT_FOUND');
      expect(body.error.message.replace(token, '<path>')).toBe(strangerBody.error.message.replace(unknown, '<path>'));
    }
    expect(await recordsOf('alert')).toEqual([]);
  });

  it('shows no URL in the API, and refuses to rotate one or to listen on one', async () => {
    await app.createFlow(alertFlow('alert', []));
    const view = await app.api.get('/api/flows/alert');
    expect(view.body.webhook).toBeNull();
    const list = await app.api.get('/api/flows');
    expect((list.body.items as Array<{ id: string; webhook: unknown }>).find((flow) => flow.id === 'alert')!.webhook).toBeNull();
    const rotate = await app.post('/api/flows/alert/rotate-token', {});
    expect(rotate.status).toBe(409);
    expect(await rotate.json()).toEqual({
      error: { code: 'NO_WEBHOOK', message: 'Flow "alert" starts when a watched flow fails, not by a webhook: it has no URL to rotate.' },
    });
    const listen = await app.post('/api/flows/alert/listen', {});
    expect(listen.status).toBe(409);
    expect(((await listen.json()) as { error: { code: string } }).error.code).toBe('NO_WEBHOOK');
  });

  it('runs on a sample in the editor preview as the server starts it: POST, empty path', async () => {
    await app.createFlow(alertFlow('alert', []));
    const saved = await app.api.put('/api/flows/alert/sample', { body: { execution: { id: 'x' } } });
    expect(saved.status).toBe(200);
    expect(saved.body.sample).toMatchObject({ method: 'POST', path: '', headers: {}, query: {}, body: { execution: { id: 'x' } } });
  });
});
