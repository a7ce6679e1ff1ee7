import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const webhook = (config: Record<string, unknown>): [string, Record<string, unknown>] => ['webhook', config];
const transform = (expression: string): [string, Record<string, unknown>] => ['transform', { expression }];

describe('webhook response modes', () => {
  it('lastNode answers with the flow result, and records every node', async () => {
    const { webhook: hook } = await app.createFlow(
      flowDocument('last-node', { in: webhook({ path: 'modes/last' }), total: transform('{ "total": $sum(body.items.price), "m": $trigger.method }') }, [['in', 'total']]),
    );
    expect(hook.url).toMatch(/\/webhook\/modes\/last$/);
    const response = await app.post('/webhook/modes/last', { items: [{ price: 2 }, { price: 3 }] });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ total: 5, m: 'POST' });
    const record = await eventually(async () => {
      const page = (await (await fetch(`${app.url}/api/executions?flowId=last-node`, { headers: app.authHeaders })).json()) as { items: Array<{ id: string }> };
      return page.items[0];
    });
    const execution = (await (await fetch(`${app.url}/api/executions/${record.id}`, { headers: app.authHeaders })).json()) as Record<string, unknown>;
    expect(execution).toMatchObject({ flowId: 'last-node', flowVersion: 1, status: 'succeeded', result: { total: 5, m: 'POST' } });
    expect(execution.nodes).toEqual([
      expect.objectContaining({ nodeId: 'in', status: 'succeeded', output: expect.objectContaining({ body: { items: [{ price: 2 }, { price: 3 }] } }) }),
      expect.objectContaining({ nodeId: 'total', status: 'succeeded', input: expect.objectContaining({ method: 'POST' }), output: { total: 5, m: 'POST' }, durationMs: expect.any(Number) }),
    ]);
  });

  it('immediately answers 202 with the execution id once the execution is recorded', async () => {
    await app.createFlow(flowDocument('immediate', { in: webhook({ path: 'modes/now', respond: 'immediately' }), wait: ['delay', { amount: 100, unit: 'milliseconds' }], out: transform('"done"') }, [['in', 'wait'], ['wait', 'out']]));
    const response = await app.post('/webhook/modes/now', { a: 1 });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { executionId: string; statusUrl: string };
    expect(body.statusUrl).toBe(`${app.url}/webhook-result/${body.executionId}`);
    const early = (await (await fetch(`${app.url}/api/executions/${body.executionId}`, { headers: app.authHeaders })).json()) as { status: string };
    expect(early.status).toBe('waiting');
    const done = await eventually(async () => {
      const record = (await (await fetch(`${app.url}/api/executions/${body.executionId}`, { headers: app.authHeaders })).json()) as { status: string; result: unknown };
      return record.status === 'succeeded' ? record : undefined;
    });
    expect(done.result).toBe('done');
  });

  it('a respond node answers mid-flow with its status, headers and body while the flow goes on', async () => {
    await app.createFlow(
      flowDocument(
        'responder',
        {
          in: webhook({ path: 'modes/respond' }),
          answer: ['respond', { status: 201, headers: [{ name: 'x-case', value: '{{ body.id }}' }], body: '{ "accepted": body.id }' }],
          later: transform('"after the answer"'),
        },
        [['in', 'answer'], ['answer', 'later']],
      ),
    );
    const response = await app.post('/webhook/modes/respond', { id: 'A-7' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-case')).toBe('A-7');
    expect(await response.json()).toEqual({ accepted: 'A-7' });
    const page = await eventually(async () => {
      const list = (await (await fetch(`${app.url}/api/executions?flowId=responder&status=succeeded`, { headers: app.authHeaders })).json()) as { items: Array<{ id: string }> };
      return list.items[0];
    });
    const record = (await (await fetch(`${app.url}/api/executions/${page.id}`, { headers: app.authHeaders })).json()) as { result: unknown };
    expect(record.result).toBe('after the answer');
  });

  it('past the response budget answers 202 with a status URL that later shows the result', async () => {
    await app.createFlow(
      flowDocument('slow', { in: webhook({ path: 'modes/slow', responseTimeoutMs: 100 }), wait: ['delay', { amount: 400, unit: 'milliseconds' }], out: transform('{ "late": true }') }, [['in', 'wait'], ['wait', 'out']]),
    );
    const response = await app.post('/webhook/modes/slow', {});
    expect(response.status).toBe(202);
    const { statusUrl } = (await response.json()) as { statusUrl: string };
    const pending = await fetch(statusUrl);
    expect(pending.status).toBe(202);
    expect(await pending.json()).toMatchObject({ status: 'waiting' });
    const finished = await eventually(async () => {
      const poll = await fetch(statusUrl);
      return poll.status === 200 ? ((await poll.json()) as unknown) : undefined;
    });
    expect(finished).toMatchObject({ status: 'succeeded', result: { late: true } });
  });

  it('past the response budget answers 504 when the flow is set to fail, and still finishes', async () => {
    await app.createFlow(
      flowDocument('slow-fail', { in: webhook({ path: 'modes/slow-fail', responseTimeoutMs: 100, onTimeout: 'fail' }), wait: ['delay', { amount: 300, unit: 'milliseconds' }] }, [['in', 'wait']]),
    );
    const response = await app.post('/webhook/modes/slow-fail', {});
    expect(response.status).toBe(504);
    const body = (await response.json()) as { error: { code: string; executionId: string } };
    expect(body.error.code).toBe('RESPONSE_TIMEOUT');
    await eventually(async () => {
      const record = (await (await fetch(`${app.url}/api/executions/${body.error.executionId}`, { headers: app.authHeaders })).json()) as { status: string };
      return record.status === 'succeeded' ? record : undefined;
    });
  });

  it('a failing node answers 502 naming the node, and the execution is recorded as failed', async () => {
    await app.createFlow(flowDocument('failing', { in: webhook({ path: 'modes/fail' }), broken: transform('$number("not a number")') }, [['in', 'broken']]));
    const response = await app.post('/webhook/modes/fail', {});
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: string; nodeId: string; message: string; executionId: string } };
    expect(body.error).toMatchObject({ code: 'NODE_FAILED', nodeId: 'broken' });
    expect(body.error.message).toMatch(/Node "broken" failed/);
    const record = await eventually(async () => {
      const found = (await (await fetch(`${app.url}/api/executions/${body.error.executionId}`, { headers: app.authHeaders })).json()) as { status: string; error: unknown; nodes: unknown[] };
      return found.status === 'failed' ? found : undefined;
    });
    expect(record.error).toMatchObject({ nodeId: 'broken', code: 'NODE_FAILED' });
    expect(record.nodes).toContainEqual(expect.objectContaining({ nodeId: 'broken', status: 'failed', error: expect.stringMatching(/number/) }));
  });

  it('answers at the secret token URL, which stops working once rotated', async () => {
    const created = await app.createFlow(flowDocument('tokened', { in: webhook({}), out: transform('"ok"') }, [['in', 'out']]));
    expect(created.webhook.url).toMatch(/\/webhook\/[0-9a-f]{64}$/);
    const first = await fetch(created.webhook.url, { method: 'POST' });
    expect(await first.text()).toBe('ok');
    const rotated = (await (await app.post('/api/flows/tokened/rotate-token', {})).json()) as { webhook: { url: string } };
    expect(rotated.webhook.url).not.toBe(created.webhook.url);
    expect((await fetch(created.webhook.url, { method: 'POST' })).status).toBe(404);
    expect((await fetch(rotated.webhook.url, { method: 'POST' })).status).toBe(200);
  });

  it('an inactive flow answers only at its test URL, recorded as a test execution', async () => {
    await app.createFlow(flowDocument('sleeping', { in: webhook({ path: 'modes/sleeping' }), out: transform('"awake"') }, [['in', 'out']], { active: false }));
    expect((await app.post('/webhook/modes/sleeping', {})).status).toBe(404);
    const test = await app.post('/webhook-test/modes/sleeping', {});
    expect(await test.text()).toBe('awake');
    const page = await eventually(async () => {
      const list = (await (await fetch(`${app.url}/api/executions?flowId=sleeping`, { headers: app.authHeaders })).json()) as { items: Array<{ mode: string }> };
      return list.items[0];
    });
    expect(page.mode).toBe('test');
  });

  it('the status URL answers 404 for an execution it does not know', async () => {
    const response = await fetch(`${app.url}/webhook-result/not-an-execution`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'EXECUTION_NOT_FOUND', message: expect.stringMatching(/No execution with id "not-an-execution"/) } });
  });
});
