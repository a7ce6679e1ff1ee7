import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

/** A downstream API that answers each request with the next status of `script` (the last one repeats), noting when each came. */
interface FlakyApi {
  url: string;
  script: number[];
  arrivals: Array<{ at: number; key: string | undefined }>;
  close(): Promise<void>;
}

async function startFlakyApi(): Promise<FlakyApi> {
  const api: Omit<FlakyApi, 'url' | 'close'> = { script: [200], arrivals: [] };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = api.script[Math.min(api.arrivals.length, api.script.length - 1)]!;
      api.arrivals.push({ at: performance.now(), key: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(api, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let app: TestApp;
let flaky: FlakyApi;

beforeAll(async () => {
  [app, flaky] = await Promise.all([startTestApp(), startFlakyApi()]);
});

afterAll(async () => {
  await Promise.all([app.close(), flaky.close()]);
});

function callingFlow(id: string, retry: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return flowDocument(
    id,
    {
      in: ['webhook', { path: id }],
      call: ['http-request', { method: 'POST', url: `${flaky.url}/orders`, headers: [{ name: 'Idempotency-Key', value: '{{ $execution.id }}' }], body: '{ "order": body.order }' }],
      failed: ['transform', { expression: '{ "gaveUp": status }' }],
    },
    [
      ['in', 'call'],
      ['call', 'failed', 'error'],
    ],
  );
}

function withSettings(flow: ReturnType<typeof callingFlow>, settings: Record<string, unknown>) {
  (flow.nodes as Array<{ id: string; settings?: unknown }>).find((node) => node.id === 'call')!.settings = settings;
  return flow;
}

async function recordOf(executionId: string) {
  return eventually(async () => {
    const { body } = await app.api.get(`/api/executions/${executionId}`);
    return body.status === 'succeeded' ? body : undefined;
  });
}

describe('retries', () => {
  it('a target that fails twice, then succeeds, is retried with back-off and recorded as one success', async () => {
    await app.createFlow(withSettings(callingFlow('flaky', {}), { retry: { attempts: 3, backoffMs: 50, jitter: false } }));
    flaky.script = [503, 503, 200];
    flaky.arrivals = [];
    const response = await app.post('/webhook/flaky', { order: 7 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 200, body: { status: 200 } });
    expect(flaky.arrivals).toHaveLength(3);
    const [first, second, third] = flaky.arrivals.map((arrival) => arrival.at);
    expect(second! - first!).toBeGreaterThanOrEqual(45);
    expect(third! - second!).toBeGreaterThanOrEqual(95);
    const executionId = flaky.arrivals[0]!.key!;
    expect(new Set(flaky.arrivals.map((arrival) => arrival.key))).toEqual(new Set([executionId]));
    const record = await recordOf(executionId);
    expect(record.nodes.find((node: { nodeId: string }) => node.nodeId === 'call')).toMatchObject({ status: 'succeeded', port: 'success', attempts: 3 });
    const listed = await eventually(async () => {
      const { body } = await app.api.get('/api/executions?flowId=flaky');
      return body.items.length > 0 ? body.items : undefined;
    });
    expect(listed).toEqual([expect.objectContaining({ id: executionId, status: 'succeeded' })]);
  });

  it('gives up after its tries and takes the error port; a 404 is not retried', async () => {
    await app.createFlow(withSettings(callingFlow('down', {}), { retry: { attempts: 2, backoffMs: 10, jitter: false } }));
    flaky.script = [503];
    flaky.arrivals = [];
    const response = await app.post('/webhook/down', { order: 8 });
    expect(await response.json()).toEqual({ gaveUp: 503 });
    expect(flaky.arrivals).toHaveLength(2);
    const record = await recordOf(flaky.arrivals[0]!.key!);
    expect(record.nodes.find((node: { nodeId: string }) => node.nodeId === 'call')).toMatchObject({ port: 'error', attempts: 2 });

    flaky.script = [404];
    flaky.arrivals = [];
    expect(await (await app.post('/webhook/down', { order: 9 })).json()).toEqual({ gaveUp: 404 });
    expect(flaky.arrivals).toHaveLength(1);
  });
});
