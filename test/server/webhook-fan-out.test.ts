import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
let barrierUrl: string;
let closeBarrier: () => void;

/** Answers nobody until two requests wait: a flow that ran its branches one after the other would hang here. */
async function startBarrier() {
  const waiting: Array<{ path: string; res: ServerResponse }> = [];
  const server = createServer((req, res) => {
    waiting.push({ path: req.url ?? '', res });
    if (waiting.length < 2) return;
    for (const { path, res: held } of waiting.splice(0)) held.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ from: path }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

beforeAll(async () => {
  app = await startTestApp();
  const barrier = await startBarrier();
  barrierUrl = barrier.url;
  closeBarrier = barrier.close;
});
afterAll(async () => {
  closeBarrier();
  await app.close();
});

const get = (path: string): [string, Record<string, unknown>] => ['http-request', { method: 'GET', url: `${barrierUrl}${path}`, timeoutMs: 3000 }];

describe('fan-out and merge over HTTP', () => {
  it('runs the branches of a fan-out at the same time and merges their results', async () => {
    await app.createFlow(
      flowDocument(
        'fan-out',
        {
          in: ['webhook', { path: 'fan/out' }],
          left: get('/left'),
          right: get('/right'),
          join: ['merge', { mode: 'object' }],
          answer: ['transform', { expression: '{ "left": left.body.from, "right": right.body.from, "ids": $keys($) }' }],
        },
        [['in', 'left'], ['in', 'right'], ['left', 'join', 'success'], ['right', 'join', 'success'], ['join', 'answer']],
      ),
    );
    const response = await app.post('/webhook/fan/out', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ left: '/left', right: '/right', ids: ['left', 'right'] });
  });

  it('fails the whole execution when one parallel branch fails, naming that node', async () => {
    await app.createFlow(
      flowDocument(
        'fan-out-fail',
        {
          in: ['webhook', { path: 'fan/fail' }],
          fine: ['transform', { expression: '"fine"' }],
          broken: ['transform', { expression: '$error("the warehouse is closed")' }],
          join: ['merge'],
        },
        [['in', 'fine'], ['in', 'broken'], ['fine', 'join'], ['broken', 'join']],
      ),
    );
    const response = await app.post('/webhook/fan/fail', {});
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { nodeId: string; message: string } };
    expect(body.error.nodeId).toBe('broken');
    expect(body.error.message).toMatch(/the warehouse is closed/);
  });
});
