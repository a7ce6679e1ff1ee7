import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTestFlow } from '../helpers/run-test-flow.js';

let server: Server;
let base: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  // /flaky answers 503 the first time it is called, then 200; /down always 503.
  server = createServer((request, response) => {
    const count = (hits.get(request.url!) ?? 0) + 1;
    hits.set(request.url!, count);
    const busy = request.url === '/down' || (request.url === '/flaky' && count === 1);
    response.writeHead(busy ? 503 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ call: count }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const quickRetry = { attempts: 3, backoffMs: 0, jitter: false };

describe('a flow whose nodes have failure settings', () => {
  it('retries a node and records its attempts', async () => {
    const { output, outcome } = await runTestFlow({
      nodes: { in: 'webhook', call: { type: 'http-request', config: { url: `${base}/flaky` }, settings: { retry: quickRetry } } },
      edges: ['in -> call'],
    });
    expect(outcome.status).toBe('succeeded');
    expect(output).toMatchObject({ status: 200, body: { call: 2 } });
    expect(outcome.nodes.find((trace) => trace.nodeId === 'call')).toMatchObject({ status: 'succeeded', port: 'success', attempts: 2 });
  });

  it('continue goes on with the input after the last try; errorPort routes a thrown failure to the error edge', async () => {
    const continued = await runTestFlow(
      {
        nodes: {
          in: 'webhook',
          call: { type: 'http-request', config: { url: `${base}/down` }, settings: { retry: { ...quickRetry, attempts: 2 }, onError: 'continue' } },
          next: { type: 'transform', config: { expression: '{ "went on with": body }' } },
        },
        edges: ['in -> call', 'call:success -> next'],
      },
      { body: { order: 7 } },
    );
    expect(continued.outcome.status).toBe('succeeded');
    expect(continued.output).toEqual({ 'went on with': { order: 7 } });
    expect(continued.outcome.nodes.find((trace) => trace.nodeId === 'call')).toMatchObject({ attempts: 2, error: 'The server answered 503 Service Unavailable.' });

    const routed = await runTestFlow(
      {
        nodes: {
          in: 'webhook',
          parse: { type: 'transform', config: { expression: '$error("not an order")' }, settings: { onError: 'errorPort' } },
          alert: { type: 'transform', config: { expression: '{ "alert": error.message, "order": input.body }' } },
        },
        edges: ['in -> parse', 'parse:error -> alert'],
      },
      { body: { order: 8 } },
    );
    expect(routed.outcome.status).toBe('succeeded');
    expect(routed.output).toEqual({ alert: expect.stringContaining('not an order'), order: { order: 8 } });
  });
});
