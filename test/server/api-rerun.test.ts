import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);

const greeter = (greeting: string) =>
  flowDocument('greeter', { hook: ['webhook', { path: 'rerun/greet' }], greet: ['transform', { expression: `{ "text": "${greeting} " & body.name, "lang": $trigger.query.lang, "auth": $trigger.headers.authorization }` }] }, [['hook', 'greet']]);

/** Calls a webhook and answers the id of the execution it made (read from the listing, newest first). */
async function callAndFindExecution(path: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const before = (await api.get('/api/executions')).body.total as number;
  await app.post(path, body, headers);
  return eventually(async () => {
    const page = (await api.get('/api/executions?limit=1')).body;
    return page.total > before ? (page.items[0].id as string) : undefined;
  });
}

beforeAll(async () => {
  app = await startTestApp();
  await app.createFlow(greeter('Hello'));
});
afterAll(() => app.close());

describe('POST /api/executions/:id/rerun', () => {
  it('runs the flow again on the recorded request, recorded as an api execution, and answers 201 with its id and status', async () => {
    const original = await callAndFindExecution('/webhook/rerun/greet?lang=en', { name: 'Ada' }, { authorization: 'Bearer secret' });
    const { status, body } = await api.post(`/api/executions/${original}/rerun`);
    expect(status).toBe(201);
    expect(body).toEqual({ executionId: expect.any(String), status: 'succeeded' });
    expect(body.executionId).not.toBe(original);
    const rerun = (await api.get(`/api/executions/${body.executionId}`)).body;
    const recorded = (await api.get(`/api/executions/${original}`)).body;
    expect(rerun).toMatchObject({ flowId: 'greeter', flowVersion: 1, mode: 'api', status: 'succeeded', result: { text: 'Hello Ada', lang: 'en', auth: '[redacted]' } });
    expect(rerun.request).toEqual(recorded.request);
  });

  it('runs the flow as it is stored now, and reports a failure as the status', async () => {
    const original = await callAndFindExecution('/webhook/rerun/greet', { name: 'Grace' });
    await api.put('/api/flows/greeter', greeter('Welcome'));
    const again = await api.post(`/api/executions/${original}/rerun`);
    expect(again.status).toBe(201);
    expect((await api.get(`/api/executions/${again.body.executionId}`)).body).toMatchObject({ flowVersion: 2, result: { text: 'Welcome Grace' } });

    await app.createFlow(flowDocument('divider', { hook: ['webhook', { path: 'rerun/divide' }], check: ['transform', { expression: '$number(body.n)' }] }, [['hook', 'check']]));
    const failing = await callAndFindExecution('/webhook/rerun/divide', { n: 'x' });
    const failed = await api.post(`/api/executions/${failing}/rerun`);
    expect(failed.status).toBe(201);
    expect(failed.body.status).toBe('failed');
    expect((await api.get(`/api/executions/${failed.body.executionId}`)).body.error).toMatchObject({ nodeId: 'check', code: 'NODE_FAILED' });
  });

  it('answers 404 for an unknown execution and for one whose flow was deleted', async () => {
    for (const id of ['no-such-execution', '..%2F..%2Fhookflow.json', 'x'.repeat(2000)]) {
      expectApiError(await api.post(`/api/executions/${id}/rerun`), 404, 'EXECUTION_NOT_FOUND');
    }
    await app.createFlow(flowDocument('doomed', { hook: ['webhook', { path: 'rerun/doomed' }], out: ['transform', { expression: '1' }] }, [['hook', 'out']]));
    const orphan = await callAndFindExecution('/webhook/rerun/doomed', {});
    await api.delete('/api/flows/doomed');
    expectApiError(await api.post(`/api/executions/${orphan}/rerun`), 404, 'FLOW_NOT_FOUND');
  });

  it('answers 409 for an execution whose request was not recorded', async () => {
    const original = await callAndFindExecution('/webhook/rerun/greet', { name: 'Lin' });
    const record = await app.store.executions.get(original);
    const truncated = `${original.slice(0, -4)}beef`;
    await app.store.executions.save({ ...record!, id: truncated, request: { ...record!.request, body: '[omitted]' }, truncated: 'The data was nested too deeply.' });
    const refusal = expectApiError(await api.post(`/api/executions/${truncated}/rerun`), 409, 'EXECUTION_NOT_REPLAYABLE');
    expect(refusal.message).toMatch(/not recorded/);
  });

  it('takes no body or { from }, and refuses any other body with a clear error', async () => {
    const original = await callAndFindExecution('/webhook/rerun/greet', { name: 'Kay' });
    expect((await api.send('POST', `/api/executions/${original}/rerun`, {})).status).toBe(201);
    expect((await api.post(`/api/executions/${original}/rerun`, { from: 'start' })).status).toBe(201);
    expectApiError(await api.send('POST', `/api/executions/${original}/rerun`, { raw: 'not json', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const unknown = await api.post(`/api/executions/${original}/rerun`, { from: 'middle' });
    expectApiError(unknown, 400, 'BAD_REQUEST');
    expect(unknown.body.error.message).toContain('from must be "start" or "failed-node"');
    expectApiError(await api.post(`/api/executions/${original}/rerun`, { from: 'start', extra: 1 }), 400, 'BAD_REQUEST');
  });
});
