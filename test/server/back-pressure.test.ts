import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';
import { expectExecutions } from '../webhook/guards/guarded-app.js';

// Executions are held running by an HTTP request to a sink that answers only when released.
const logLines: Record<string, unknown>[] = [];
const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _encoding, done) => done(void logLines.push(JSON.parse(String(chunk)))) }));

let app: TestApp;
let sink: HttpSink;
beforeAll(async () => {
  [app, sink] = await Promise.all([startTestApp({}, { logger }), startHttpSink()]);
});
afterAll(async () => {
  sink.release();
  await Promise.all([app.close(), sink.close()]);
});

/** A flow at `/webhook/busy/<id>` that posts `{ n }` to the sink and answers with the sink's answer. */
function createHeldFlow(target: TestApp, id: string, trigger: Record<string, unknown>) {
  return target.createFlow(
    flowDocument(id, { in: ['webhook', { path: `busy/${id}`, ...trigger }], crm: ['http-request', { method: 'POST', url: `${sink.url}/${id}`, body: '{ "n": body.n }', timeoutMs: 120_000 }] }, [['in', 'crm']]),
  );
}

const call = (target: TestApp, path: string, n: number) => target.post(path, { n });
const sunk = (id: string) => sink.requests.filter((request) => request.url === `/${id}`).map((request) => (request.body as { n: number }).n);
const waitForSunk = (id: string, count: number) => eventually(async () => (sunk(id).length === count ? true : undefined));

async function expectBusy(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/busy.*Retry-After/);
}

async function statusOf(target: TestApp, executionId: string): Promise<string | undefined> {
  return (await target.store.executions.get(executionId))?.status;
}

const succeeded = (target: TestApp, ids: string[]) =>
  eventually(async () => ((await Promise.all(ids.map((id) => statusOf(target, id)))).every((status) => status === 'succeeded') ? true : undefined));

describe('a flow concurrency limit', () => {
  it('queues one call behind the running one, refuses the third with 429 unrecorded, and runs the two in order', async () => {
    await createHeldFlow(app, 'one-by-one', { respond: 'immediately', concurrency: { limit: 1, queue: 1 } });
    sink.holding = true;
    const first = await call(app, '/webhook/busy/one-by-one', 1);
    expect(first.status).toBe(202);
    await waitForSunk('one-by-one', 1);
    const second = await call(app, '/webhook/busy/one-by-one', 2);
    expect(second.status).toBe(202);
    const queued = (await second.json()) as { executionId: string };
    // Accepted only once recorded as queued: the stored record says so before it runs.
    expect(await statusOf(app, queued.executionId)).toBe('queued');
    expect((await app.api.get(`/api/executions/${queued.executionId}`)).body).toMatchObject({ status: 'queued' });
    await expectBusy(await call(app, '/webhook/busy/one-by-one', 3), 429, 'WEBHOOK_BUSY');
    expect(sunk('one-by-one')).toEqual([1]);

    sink.release();
    await succeeded(app, [((await first.json()) as { executionId: string }).executionId, queued.executionId]);
    expect(sunk('one-by-one')).toEqual([1, 2]);
    await expectExecutions(app, 'one-by-one', 2);
  });

  it('in lastNode mode a queued caller waits for its result; its response budget counts from its arrival', async () => {
    await createHeldFlow(app, 'answering', { concurrency: { limit: 1, queue: 5 }, responseTimeoutMs: 100 });
    sink.holding = true;
    const first = call(app, '/webhook/busy/answering', 1);
    await waitForSunk('answering', 1);
    // The first call still runs (held by the sink), so the second's budget runs out while it waits.
    const second = await call(app, '/webhook/busy/answering', 2);
    expect(second.status).toBe(202);
    const { status, statusUrl } = (await second.json()) as { status: string; statusUrl: string };
    expect(status).toBe('queued');
    expect(await (await fetch(statusUrl)).json()).toMatchObject({ status: 'queued' });
    sink.release();
    expect((await first).status).toBe(202);
    const result = await eventually(async () => {
      const poll = await fetch(statusUrl);
      return poll.status === 200 ? ((await poll.json()) as unknown) : undefined;
    });
    expect(result).toMatchObject({ status: 'succeeded', result: { status: 200, body: { id: 'crm-1' } } });
    expect(sunk('answering')).toEqual([1, 2]);
  });

  it('a test call does not wait behind the live calls of its flow', async () => {
    await createHeldFlow(app, 'tested', { respond: 'immediately', concurrency: { limit: 1, queue: 0 } });
    sink.holding = true;
    expect((await call(app, '/webhook/busy/tested', 1)).status).toBe(202);
    await waitForSunk('tested', 1);
    await expectBusy(await call(app, '/webhook/busy/tested', 2), 429, 'WEBHOOK_BUSY');
    expect((await call(app, '/webhook-test/busy/tested', 3)).status).toBe(202);
    await waitForSunk('tested', 2);
    sink.release();
    await expectExecutions(app, 'tested', 2);
  });

  it('loses nothing under a burst: every 202 has exactly one record, every refusal none, and refusals are counted and logged', async () => {
    await createHeldFlow(app, 'burst', { respond: 'immediately', concurrency: { limit: 2, queue: 3 } });
    sink.holding = true;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => call(app, '/webhook/busy/burst', n)));
    const accepted = answers.filter((answer) => answer.status === 202);
    const refused = answers.filter((answer) => answer.status !== 202);
    expect(accepted).toHaveLength(5);
    for (const answer of refused) await expectBusy(answer, 429, 'WEBHOOK_BUSY');
    const ids = await Promise.all(accepted.map(async (answer) => ((await answer.json()) as { executionId: string }).executionId));
    sink.release();
    await succeeded(app, ids);
    await expectExecutions(app, 'burst', 5);
    const { items } = await app.store.executions.list({ flowId: 'burst', limit: 50 });
    expect(items.map((item) => item.id).sort()).toEqual([...ids].sort());
    expect(sunk('burst')).toHaveLength(5);

    const metrics = await app.api.get('/api/metrics');
    expect(metrics.text).toMatch(/hookflow_webhook_rejected_total\{flow="burst",reason="busy"\} 5/);
    const warnings = logLines.filter((line) => line.flowId === 'burst' && line.reason === 'busy');
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatchObject({ msg: 'webhook call refused', ip: '127.0.0.1' });
    expect(JSON.stringify(warnings)).not.toMatch(/"n"/);
  });

  it('refuses a malformed concurrency setting when the flow is saved', async () => {
    for (const concurrency of [{ limit: 0 }, { limit: 1.5 }, { limit: 1001 }, { limit: '2' }, { limit: 1, queue: -1 }, { limit: 1, queue: 10_001 }, { limit: null }, 'one']) {
      const response = await app.post('/api/flows', flowDocument('bad-concurrency', { in: ['webhook', { concurrency }] }, []));
      expect(response.status, JSON.stringify(concurrency)).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FLOW_INVALID');
    }
  });
});

describe('the server-wide limits', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ HOOKFLOW_MAX_CONCURRENT_EXECUTIONS: '1', HOOKFLOW_MAX_QUEUED_EXECUTIONS: '1' });
  });
  afterAll(async () => {
    sink.release();
    await small.close();
  });

  it('queue past the running limit, answer 503 with Retry-After past the queue, and run the queued call after the running one', async () => {
    await createHeldFlow(small, 'server-wide', { respond: 'immediately' });
    sink.holding = true;
    const first = await call(small, '/webhook/busy/server-wide', 1);
    expect(first.status).toBe(202);
    await waitForSunk('server-wide', 1);
    const second = await call(small, '/webhook/busy/server-wide', 2);
    expect(second.status).toBe(202);
    await expectBusy(await call(small, '/webhook/busy/server-wide', 3), 503, 'SERVER_BUSY');
    await expectBusy(await call(small, '/webhook-test/busy/server-wide', 4), 503, 'SERVER_BUSY');
    expect(sunk('server-wide')).toEqual([1]);
    sink.release();
    const ids = await Promise.all([first, second].map(async (answer) => ((await answer.json()) as { executionId: string }).executionId));
    await succeeded(small, ids);
    expect(sunk('server-wide')).toEqual([1, 2]);
    await expectExecutions(small, 'server-wide', 2);
  });
});
