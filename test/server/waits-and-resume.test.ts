import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let sink: HttpSink;
const apps: TestApp[] = [];

beforeEach(async () => {
  sink = await startHttpSink();
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await sink.close();
});

async function start(env: Record<string, string> = {}): Promise<TestApp> {
  const app = await startTestApp(env, { keepData: true });
  apps.push(app);
  return app;
}

/** Closes the app as a shutdown does (without removing its data) and starts another on its data. */
async function restart(app: TestApp): Promise<TestApp> {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
  return start({ HOOKFLOW_DATA_DIR: app.dataDir });
}

const post = (body: string, extra: Record<string, unknown> = {}): [string, Record<string, unknown>] => [
  'http-request',
  { method: 'POST', url: `${sink.url}/hook`, headers: [{ name: 'Idempotency-Key', value: '{{ $execution.id }}' }], body, ...extra },
];

async function recordOf(app: TestApp, id: string, status: string) {
  return eventually(async () => {
    const { body } = await app.api.get(`/api/executions/${id}`);
    return body.status === status ? body : undefined;
  }, 10_000);
}

function approvalFlow(timeout: { timeout: number; unit: string } = { timeout: 1, unit: 'days' }) {
  return flowDocument(
    'approval',
    {
      in: ['webhook', { path: 'approve', respond: 'immediately' }],
      ask: post('{ "resumeUrl": $execution.resumeUrl, "order": $trigger.body.order }'),
      wait: ['wait-for-webhook', timeout],
      done: post('{ "approved": body.approved, "order": $trigger.body.order }'),
      late: post('{ "timedOut": $trigger.body.order }'),
    },
    [
      ['in', 'ask'],
      ['ask', 'wait', 'success'],
      ['wait', 'done'],
      ['wait', 'late', 'timeout'],
    ],
  );
}

describe('wait for webhook', () => {
  it('pauses until its resume URL is called, then goes on with the call', async () => {
    const app = await start({ HOOKFLOW_MAX_BODY_BYTES: '2048' });
    await app.createFlow(approvalFlow());
    const accepted = await app.post('/webhook/approve', { order: 'A-1' });
    expect(accepted.status).toBe(202);
    const { executionId } = (await accepted.json()) as { executionId: string };
    const waiting = await recordOf(app, executionId, 'waiting');
    expect(Date.parse(waiting.resumeAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const { resumeUrl } = sink.requests[0]!.body as { resumeUrl: string };
    expect(resumeUrl).toMatch(new RegExp(`^${app.url}/webhook-resume/${executionId}/[A-Za-z0-9_-]{43}$`));
    expect(sink.requests[0]!.headers['idempotency-key']).toBe(executionId);

    const forged = await fetch(`${resumeUrl.slice(0, -3)}AAA`, { method: 'POST' });
    expect(forged.status).toBe(404);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('EXECUTION_NOT_WAITING');
    expect((await fetch(resumeUrl, { method: 'DELETE' })).status).toBe(405);
    const malformed = await fetch(resumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"approved": tru' });
    expect(malformed.status).toBe(400);
    const oversized = await fetch(resumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: 'x'.repeat(4096) }) });
    expect(oversized.status).toBe(413);
    // Refused calls leave the execution waiting.
    expect((await app.api.get(`/api/executions/${executionId}`)).body.status).toBe('waiting');

    const resumed = await fetch(`${resumeUrl}?by=alice`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer secret-1' }, body: JSON.stringify({ approved: true }) });
    expect(resumed.status).toBe(202);
    expect(await resumed.json()).toEqual({ executionId, status: 'resumed' });
    const done = await recordOf(app, executionId, 'succeeded');
    expect(sink.requests.map((request) => request.body)).toEqual([{ resumeUrl, order: 'A-1' }, { approved: true, order: 'A-1' }]);
    const wait = done.nodes.find((node: { nodeId: string }) => node.nodeId === 'wait');
    expect(wait).toMatchObject({ status: 'succeeded', port: 'out', output: { method: 'POST', query: { by: 'alice' }, body: { approved: true } } });
    expect(wait.output.headers.authorization).toBe('[redacted]');
    expect(done.resume).toBeUndefined();

    const again = await fetch(resumeUrl, { method: 'POST' });
    expect(again.status).toBe(404);
  });

  it('takes its timeout port when nobody calls in time', async () => {
    const app = await start();
    await app.createFlow(approvalFlow({ timeout: 1, unit: 'seconds' }));
    const { executionId } = (await (await app.post('/webhook/approve', { order: 'B-2' })).json()) as { executionId: string };
    const done = await recordOf(app, executionId, 'succeeded');
    expect(done.nodes.find((node: { nodeId: string }) => node.nodeId === 'wait')).toMatchObject({ status: 'succeeded', port: 'timeout' });
    expect(sink.requests.at(-1)!.body).toEqual({ timedOut: 'B-2' });
  });

  it('keeps waiting across a restart, and its resume URL still works', async () => {
    let app = await start();
    await app.createFlow(approvalFlow());
    const { executionId } = (await (await app.post('/webhook/approve', { order: 'C-3' })).json()) as { executionId: string };
    await recordOf(app, executionId, 'waiting');
    const { resumeUrl } = sink.requests[0]!.body as { resumeUrl: string };
    app = await restart(app);
    const path = new URL(resumeUrl).pathname;
    const resumed = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approved: false }) });
    expect(resumed.status).toBe(202);
    const done = await recordOf(app, executionId, 'succeeded');
    expect(done.resumed).toEqual([expect.objectContaining({ reason: 'restart', from: 'snapshot' })]);
    expect(sink.requests.map((request) => request.body)).toEqual([{ resumeUrl, order: 'C-3' }, { approved: false, order: 'C-3' }]);
  });
});

describe('delays and restarts', () => {
  it('a delay interrupted by a restart completes afterwards, once', async () => {
    let app = await start();
    await app.createFlow(
      flowDocument('later', { in: ['webhook', { path: 'later', respond: 'immediately' }], pause: ['delay', { amount: 2, unit: 'seconds' }], send: post('{ "order": $trigger.body.order }') }, [
        ['in', 'pause'],
        ['pause', 'send'],
      ]),
    );
    const { executionId } = (await (await app.post('/webhook/later', { order: 'D-4' })).json()) as { executionId: string };
    const waiting = await recordOf(app, executionId, 'waiting');
    expect(waiting.nodes.find((node: { nodeId: string }) => node.nodeId === 'pause')).toMatchObject({ status: 'waiting' });
    app = await restart(app);
    expect(sink.requests).toHaveLength(0);
    const done = await recordOf(app, executionId, 'succeeded');
    expect(sink.requests.map((request) => request.body)).toEqual([{ order: 'D-4' }]);
    expect(sink.requests[0]!.headers['idempotency-key']).toBe(executionId);
    expect(done.resumed).toEqual([expect.objectContaining({ reason: 'restart', from: 'snapshot' })]);
    expect(done.durationMs).toBeGreaterThanOrEqual(1900);
  });

  it('a node still running at shutdown runs again after the restart, from the saved state', async () => {
    let app = await start();
    await app.createFlow(
      flowDocument('held', { in: ['webhook', { path: 'held', respond: 'immediately' }], shape: ['transform', { expression: '{ "order": body.order }' }], send: post('$') }, [
        ['in', 'shape'],
        ['shape', 'send'],
      ]),
    );
    sink.holding = true;
    const { executionId } = (await (await app.post('/webhook/held', { order: 'E-5' })).json()) as { executionId: string };
    await eventually(async () => (sink.requests.length === 1 ? true : undefined));
    app = await restart(app);
    sink.release();
    const done = await recordOf(app, executionId, 'succeeded');
    expect(done.resumed).toEqual([expect.objectContaining({ reason: 'restart', from: 'node', nodeId: 'send' })]);
    expect(sink.requests.map((request) => [request.headers['idempotency-key'], request.body])).toEqual([
      [executionId, { order: 'E-5' }],
      [executionId, { order: 'E-5' }],
    ]);
    expect(done.nodes.map((node: { nodeId: string; status: string }) => `${node.nodeId}:${node.status}`)).toEqual(['in:succeeded', 'shape:succeeded', 'send:succeeded']);
  });
});

describe('re-run from the failed node', () => {
  it('runs the fixed node on its recorded input and keeps the path before it', async () => {
    const app = await start();
    const flow = (expression: string) =>
      flowDocument('stock', { in: ['webhook', { path: 'stock' }], price: ['transform', { expression: '{ "sku": body.sku, "price": 5 }' }], check: ['transform', { expression }] }, [
        ['in', 'price'],
        ['price', 'check'],
      ]);
    const created = await app.createFlow(flow('$error("no stock for " & sku)'));
    const failed = await app.post('/webhook/stock', { sku: 'X-1' });
    expect(failed.status).toBe(502);
    const { executionId } = ((await failed.json()) as { error: { executionId: string } }).error;
    await recordOf(app, executionId, 'failed');

    expect((await app.api.post(`/api/executions/${executionId}/rerun`, { from: 'somewhere' })).status).toBe(400);
    const still = await app.api.post(`/api/executions/${executionId}/rerun`, { from: 'failed-node' });
    expect(still.status).toBe(201);
    expect(still.body.status).toBe('failed');

    const fixed = await app.api.put(`/api/flows/stock?version=${created.version}`, flow('{ "sku": sku, "total": price * 2 }'));
    expect(fixed.status).toBe(200);
    const rerun = await app.api.post(`/api/executions/${executionId}/rerun`, { from: 'failed-node' });
    expect(rerun.status).toBe(201);
    expect(rerun.body.status).toBe('succeeded');
    const record = await recordOf(app, rerun.body.executionId, 'succeeded');
    expect(record.result).toEqual({ sku: 'X-1', total: 10 });
    expect(record.mode).toBe('api');
    expect(record.resumed).toEqual([expect.objectContaining({ reason: 'rerun', from: 'node', nodeId: 'check' })]);
    expect(record.nodes.map((node: { nodeId: string }) => node.nodeId)).toEqual(['in', 'price', 'check']);
    expect(record.nodes[2].input).toEqual({ sku: 'X-1', price: 5 });

    const again = await app.api.post(`/api/executions/${rerun.body.executionId}/rerun`, { from: 'failed-node' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXECUTION_NOT_RERUNNABLE');
  });

  it('refuses to start at a node whose input was recorded only in part', async () => {
    const app = await start({ HOOKFLOW_RECORD_MAX_VALUE_BYTES: '1024' });
    await app.createFlow(
      flowDocument('bulky', { in: ['webhook', { path: 'bulky' }], pad: ['transform', { expression: '{ "text": $pad("", 4000, "x") }' }], check: ['transform', { expression: '$error("no")' }] }, [
        ['in', 'pad'],
        ['pad', 'check'],
      ]),
    );
    const failed = await app.post('/webhook/bulky', {});
    const { executionId } = ((await failed.json()) as { error: { executionId: string } }).error;
    await recordOf(app, executionId, 'failed');
    const refused = await app.api.post(`/api/executions/${executionId}/rerun`, { from: 'failed-node' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'EXECUTION_NOT_RERUNNABLE', message: expect.stringContaining('HOOKFLOW_RECORD_MAX_VALUE_BYTES') });
  });
});
