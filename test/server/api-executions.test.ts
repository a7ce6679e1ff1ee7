import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInNodes } from '../../nodes/registry.js';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

interface Summary {
  id: string;
  flowId: string;
  status: string;
  startedAt: string;
}

let app: TestApp;
const api = apiClient(() => app.url, () => app.authHeaders);
/** The executions made in `beforeAll`, in the order they were made. */
const made: Array<{ flowId: string; n: number; executionId?: string }> = [];

beforeAll(async () => {
  app = await startTestApp();
  await app.createFlow(
    flowDocument('doubler', { in: ['webhook', { path: 'exec/double' }], double: ['transform', { expression: '{ "n": body.n, "double": body.n * 2 }' }], label: ['transform', { expression: '{ "label": "n=" & $string(n) & ", double=" & $string(double) }' }] }, [['in', 'double'], ['double', 'label']]),
  );
  await app.createFlow(flowDocument('breaker', { in: ['webhook', { path: 'exec/break' }], broken: ['transform', { expression: '$number("not a number")' }] }, [['in', 'broken']]));
  for (let n = 1; n <= 7; n += 1) {
    const flowId = n % 3 === 0 ? 'breaker' : 'doubler';
    const response = await app.post(`/webhook/${flowId === 'breaker' ? 'exec/break' : 'exec/double'}?call=${n}`, { n }, { authorization: 'Bearer very-secret-value' });
    const body = (await response.json()) as { error?: { executionId: string } };
    made.push({ flowId, n, executionId: body.error?.executionId });
    await nextMillisecond();
  }
  await eventually(async () => ((await api.get('/api/executions')).body.total === made.length ? true : undefined));
});
afterAll(() => app.close());

/** Waits for the clock to tick, so that each call starts in a later millisecond than the one before. */
async function nextMillisecond() {
  const now = Date.now();
  await eventually(async () => (Date.now() > now ? true : undefined));
}

const page = async (query: string) => (await api.get(`/api/executions?${query}`)).body as { items: Summary[]; nextCursor?: string; total: number };

/** Walks every page of a listing and returns the items in the order they came. */
async function walk(query: string, limit: number): Promise<{ items: Summary[]; pages: number }> {
  const items: Summary[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const next = await page(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(next.items.length).toBeLessThanOrEqual(limit);
    items.push(...next.items);
    cursor = next.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { items, pages };
}

/** Newest first: by start time, then by id, both descending. */
function expectNewestFirst(items: Summary[]) {
  const keys = items.map((item) => [Date.parse(item.startedAt), item.id] as const);
  const sorted = [...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
  expect(keys).toEqual(sorted);
}

describe('/api/executions', () => {
  it('lists every execution newest first, with a total', async () => {
    const all = await page('');
    expect(all.total).toBe(7);
    expect(all.items).toHaveLength(7);
    expect(all.nextCursor).toBeUndefined();
    expectNewestFirst(all.items);
    expect(all.items.map((item) => item.flowId)).toEqual(made.map((call) => call.flowId).reverse());
    expect(all.items[0]).toEqual({
      id: expect.any(String),
      flowId: 'doubler',
      flowVersion: 1,
      mode: 'webhook',
      status: 'succeeded',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      durationMs: expect.any(Number),
    });
  });

  it('filters by flowId and by status', async () => {
    const doubler = await page('flowId=doubler');
    expect(doubler.total).toBe(5);
    expect(doubler.items.every((item) => item.flowId === 'doubler' && item.status === 'succeeded')).toBe(true);

    const failed = await page('status=failed');
    expect(failed.total).toBe(2);
    expect(failed.items.map((item) => item.id).sort()).toEqual(made.flatMap((call) => call.executionId ?? []).sort());
    for (const item of failed.items) expect(item).toMatchObject({ flowId: 'breaker', error: { nodeId: 'broken', code: 'NODE_FAILED' } });

    expect(await page('flowId=doubler&status=failed')).toEqual({ items: [], total: 0 });
    expect(await page('flowId=no-such-flow')).toEqual({ items: [], total: 0 });
  });

  it('pages with limit and nextCursor, visiting every execution exactly once, in order', async () => {
    const everything = (await page('')).items;
    for (const limit of [1, 2, 3, 7]) {
      const { items, pages } = await walk('', limit);
      expect(items).toEqual(everything);
      expect(pages).toBe(Math.ceil(everything.length / limit));
    }
    const succeeded = await walk('status=succeeded', 2);
    expect(succeeded.items.map((item) => item.id)).toEqual(everything.filter((item) => item.status === 'succeeded').map((item) => item.id));
    expect(succeeded.pages).toBe(3);
  });

  it('refuses a bad limit, status or cursor with 400', async () => {
    for (const query of ['limit=0', 'limit=501', 'limit=abc', 'limit=2.5', 'limit=-1']) {
      expect(expectApiError(await api.get(`/api/executions?${query}`), 400, 'BAD_QUERY').message, query).toMatch(/limit/);
    }
    expect(expectApiError(await api.get('/api/executions?status=exploded'), 400, 'BAD_QUERY').message).toMatch(/status/);
    expectApiError(await api.get('/api/executions?cursor=not-a-cursor'), 400, 'BAD_CURSOR');
  });

  it('answers 404 EXECUTION_NOT_FOUND for an unknown id', async () => {
    expect(expectApiError(await api.get('/api/executions/no-such-execution'), 404, 'EXECUTION_NOT_FOUND').message).toMatch(/no-such-execution/);
  });

  it('keeps the trigger request (secrets redacted), every node with input, output and timing, and the result', async () => {
    const [newest] = (await page('flowId=doubler&limit=1')).items;
    const record = (await api.get(`/api/executions/${newest!.id}`)).body;
    expect(record).toMatchObject({ id: newest!.id, flowId: 'doubler', flowVersion: 1, mode: 'webhook', status: 'succeeded', result: { label: 'n=7, double=14' } });
    expect(record.request).toEqual({
      method: 'POST',
      path: '/webhook/exec/double',
      headers: expect.objectContaining({ 'content-type': 'application/json', authorization: '[redacted]' }),
      query: { call: '7' },
      body: { n: 7 },
    });
    expect(JSON.stringify(record)).not.toContain('very-secret-value');
    expect(record.nodes.map((node: { nodeId: string }) => node.nodeId)).toEqual(['in', 'double', 'label']);
    expect(record.nodes[1]).toEqual({
      nodeId: 'double',
      type: 'transform',
      status: 'succeeded',
      input: expect.objectContaining({ method: 'POST', body: { n: 7 } }),
      output: { n: 7, double: 14 },
      port: 'out',
      startedAt: expect.any(Number),
      durationMs: expect.any(Number),
    });
    expect(record.nodes[2]).toMatchObject({ nodeId: 'label', input: { n: 7, double: 14 }, output: { label: 'n=7, double=14' }, durationMs: expect.any(Number) });
    expect(Date.parse(record.finishedAt)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
  });

  it('keeps the failing node and its error in a failed record', async () => {
    const failedId = made.find((call) => call.executionId)!.executionId!;
    const record = (await api.get(`/api/executions/${failedId}`)).body;
    expect(record).toMatchObject({ flowId: 'breaker', status: 'failed', error: { nodeId: 'broken', code: 'NODE_FAILED', message: expect.stringMatching(/Node "broken" failed/) } });
    expect(record.nodes.at(-1)).toMatchObject({ nodeId: 'broken', status: 'failed', error: expect.any(String) });
    expect(record.nodes.at(-1)).not.toHaveProperty('output');
  });
});

describe('/api/node-types', () => {
  it('lists every node type with its outputs and its config as JSON Schema', async () => {
    const response = await api.get('/api/node-types');
    expect(response.status).toBe(200);
    const items = response.body.items as Array<{ type: string; label: string; category: string; outputs: string[]; configSchema: Record<string, unknown> }>;
    const types = ['webhook', 'error-trigger', 'transform', 'if', 'switch', 'merge', 'delay', 'wait-for-webhook', 'http-request', 'respond', 'counter', 'email'];
    expect(items.map((item) => item.type).sort()).toEqual([...types].sort());
    expect(items.map((item) => item.type).sort()).toEqual(builtInNodes.map((node) => node.type).sort());
    for (const item of items) {
      expect(item, item.type).toMatchObject({ label: expect.any(String), category: expect.stringMatching(/^(trigger|transform|logic|action)$/), outputs: expect.any(Array) });
      expect(item.configSchema, item.type).toMatchObject({ type: 'object', properties: expect.any(Object) });
    }
    const byType = new Map(items.map((item) => [item.type, item]));
    expect(byType.get('webhook')).toMatchObject({ category: 'trigger', outputs: ['out'], configSchema: { properties: { methods: { type: 'array' }, path: { type: 'string' } } } });
    expect(byType.get('if')?.outputs).toEqual(['true', 'false']);
    expect(byType.get('http-request')?.outputs).toEqual(expect.arrayContaining(['success', 'error']));
    expect(byType.get('transform')?.configSchema).toMatchObject({ properties: { expression: { type: 'string' } }, required: ['expression'] });
  });
});
