import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api-client.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { prepareDataDir, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { eventually, flowDocument } from '../helpers/start-app.js';

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  dataDir: string;
  token: string;
  sink: HttpSink;
  server: ServerProcess;
}

/** A data directory with an owner, a sink standing for the downstream API, and a server with the flow that calls it. */
async function setUp(env: Record<string, string> = {}): Promise<Setup> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-crash-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const token = await prepareDataDir(dataDir);
  const sink = await startHttpSink();
  cleanups.push(() => sink.close());
  const server = await launch(dataDir, env);
  const flow = flowDocument('orders', {
    in: ['webhook', { path: 'orders', respond: 'immediately' }],
    send: ['http-request', { method: 'POST', url: `${sink.url}/orders`, headers: [{ name: 'Idempotency-Key', value: '{{ $execution.id }}' }], body: '{ "seq": body.seq }' }],
  }, [['in', 'send']]);
  const created = await apiClient(server.url, { authorization: `Bearer ${token}` }).post('/api/flows', flow);
  expect(created.status).toBe(201);
  return { dataDir, token, sink, server };
}

async function launch(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess(dataDir, env);
  cleanups.push(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.exited;
  });
  return server;
}

/**
 * Sends events 0..count-1 from `clients` concurrent clients; `onAccepted` hears of every 202.
 * Failed sends (the server is gone) count as not accepted: the sender would retry them.
 */
async function sendEvents(url: string, count: number, clients: number, onAccepted: (acceptedSoFar: number) => void): Promise<Map<number, string>> {
  const accepted = new Map<number, string>();
  let next = 0;
  const client = async () => {
    for (let seq = next++; seq < count; seq = next++) {
      try {
        const response = await fetch(`${url}/webhook/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seq }) });
        if (response.status !== 202) continue;
        const { executionId } = (await response.json()) as { executionId: string };
        accepted.set(seq, executionId);
        onAccepted(accepted.size);
      } catch {
        // The server was killed: this event was not accepted.
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return accepted;
}

/** Every record of the flow, once none of them is unfinished any more. */
async function settledRecords(server: ServerProcess, token: string): Promise<Array<{ id: string; status: string }>> {
  const api = apiClient(server.url, { authorization: `Bearer ${token}` });
  return eventually(async () => {
    const { body } = await api.get('/api/executions?flowId=orders&limit=500');
    const items = body.items as Array<{ id: string; status: string }>;
    return items.some((item) => ['queued', 'running', 'waiting'].includes(item.status)) ? undefined : items;
  }, 40_000);
}

/** What the downstream API saw, de-duplicated by idempotency key as a careful API does: key → the seqs it carried. */
function deliveries(sink: HttpSink): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const request of sink.requests) {
    const key = String(request.headers['idempotency-key']);
    byKey.set(key, [...(byKey.get(key) ?? []), (request.body as { seq: number }).seq]);
  }
  return byKey;
}

function expectEveryAcceptedEventOnce(accepted: Map<number, string>, records: Array<{ id: string; status: string }>, sink: HttpSink): void {
  const ids = records.map((record) => record.id);
  expect(new Set(ids).size).toBe(ids.length);
  const byId = new Map(records.map((record) => [record.id, record.status]));
  const seen = deliveries(sink);
  for (const [seq, id] of accepted) {
    expect(byId.get(id), `event ${seq} (execution ${id}) got a 202`).toBe('succeeded');
    expect(new Set(seen.get(id)), `the downstream API got event ${seq} under its execution id`).toEqual(new Set([seq]));
  }
  // Nothing stuck, nothing the API saw without a record.
  expect(records.every((record) => record.status === 'succeeded')).toBe(true);
  for (const key of seen.keys()) expect(byId.has(key), `the API saw execution ${key}`).toBe(true);
}

describe('crash recovery', () => {
  it('kill -9 in the middle of 300 events: every 202 completes exactly once after the restart', async () => {
    const { dataDir, token, sink, server } = await setUp();
    let killed = false;
    // From the 80th 202 on the downstream API stops answering, so that executions are mid-flight when the process dies.
    const accepted = await sendEvents(server.url, 300, 12, (count) => {
      if (count >= 80) sink.holding = true;
      if (!killed && count >= 100) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    });
    expect(killed).toBe(true);
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(accepted.size).toBeGreaterThanOrEqual(100);
    expect(accepted.size).toBeLessThan(300);
    sink.release();

    const restarted = await launch(dataDir);
    const records = await settledRecords(restarted, token);
    expectEveryAcceptedEventOnce(accepted, records, sink);
    expect(records.length).toBeGreaterThanOrEqual(accepted.size);
    const api = apiClient(restarted.url, { authorization: `Bearer ${token}` });
    const recovered = await Promise.all([...accepted.values()].map(async (id) => (await api.get(`/api/executions/${id}`)).body.resumed?.[0]));
    expect(recovered.filter((note) => note?.reason === 'restart').length).toBeGreaterThan(0);
  }, 90_000);

  it('SIGTERM during load loses nothing: running executions finish or are saved, the restart completes them', async () => {
    const { dataDir, token, sink, server } = await setUp({ HOOKFLOW_SHUTDOWN_GRACE_MS: '300' });
    sink.holding = true;
    let stopping = false;
    const accepted = await sendEvents(server.url, 120, 8, (count) => {
      if (!stopping && count >= 40) {
        stopping = true;
        server.child.kill('SIGTERM');
      }
    });
    expect(stopping).toBe(true);
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(server.output()).toMatch(/were saved to carry on after the restart/);
    sink.release();

    const restarted = await launch(dataDir);
    const records = await settledRecords(restarted, token);
    expectEveryAcceptedEventOnce(accepted, records, sink);
  }, 90_000);
});
