import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NodeDefinition, NodeResult } from '../../nodes/define-node.js';
import { createRegistry } from '../../nodes/registry.js';
import type { FlowNode } from '../../server/engine/flow-schema.js';
import { NodeTimeoutError, policyOf, runWithPolicy, type NodePolicy, type RetryInfo } from '../../server/engine/node-policy.js';
import type { NodeSettings } from '../../server/engine/node-settings.js';
import { prepareFlow } from '../../server/engine/prepare-flow.js';
import { probePorts, runTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices } from '../helpers/services.js';

const registry = createRegistry();
const httpRequest = registry.get('http-request')!;
const transform = registry.get('transform')!;

const nodeWith = (settings: NodeSettings | undefined, type = 'http-request'): FlowNode => ({ id: 'n', type, position: { x: 0, y: 0 }, config: {}, ...(settings && { settings }) });

/** The policy of an http-request node (it has an error port of its own) with `settings`; no jitter unless asked. */
function policy(settings: NodeSettings, definition: NodeDefinition = httpRequest): NodePolicy {
  const retry = { jitter: false, ...settings.retry };
  return policyOf(nodeWith({ ...settings, retry }, definition.type), definition)!;
}

/** An attempt function answering `results` in turn (an Error is thrown), counting its calls and keeping their signals. */
function scripted(...results: (NodeResult | Error)[]) {
  const signals: AbortSignal[] = [];
  const attempt = vi.fn((signal: AbortSignal) => {
    signals.push(signal);
    const next = results[Math.min(signals.length, results.length) - 1]!;
    if (next instanceof Error) throw next;
    return Promise.resolve(next);
  });
  return { attempt, signals };
}

const ok: NodeResult = { port: 'success', output: { status: 200 } };
const answered = (status: number, extra: Record<string, unknown> = {}): NodeResult => ({
  port: 'error',
  output: { error: { code: 'HTTP_STATUS', message: `The server answered ${status}.` }, status, ...extra },
});
const options = (signal = new AbortController().signal, onRetry?: (info: RetryInfo) => void) => ({ input: { order: 7 }, ports: ['success', 'error'], signal, onRetry });
const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('Refused to connect to 10.0.0.1'), { code: 'OUTBOUND_BLOCKED' }) });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('policyOf', () => {
  it('is undefined for a node without settings or with only defaults, so the engine runs it directly', () => {
    expect(policyOf(nodeWith(undefined), httpRequest)).toBeUndefined();
    expect(policyOf(nodeWith({ retry: { attempts: 1, backoffMs: 5 }, onError: 'fail' }), httpRequest)).toBeUndefined();
    expect(policyOf(nodeWith({ timeoutMs: 100 }, 'webhook'), registry.get('webhook')!)).toBeUndefined();
  });

  it('fills in the defaults of what a flow leaves out', () => {
    expect(policyOf(nodeWith({ retry: { attempts: 3 } }), httpRequest)).toEqual({
      attempts: 3,
      backoffMs: 1000,
      maxBackoffMs: 60_000,
      jitter: true,
      retryOnErrors: true,
      retryStatuses: new Set([408, 429, 500, 502, 503, 504]),
      onError: 'fail',
      ownErrorPort: true,
    });
    // A first wait longer than the default cap raises the cap to it.
    expect(policyOf(nodeWith({ retry: { attempts: 2, backoffMs: 120_000 } }, 'transform'), transform)).toMatchObject({ maxBackoffMs: 120_000, ownErrorPort: false });
    expect(policyOf(nodeWith({ timeoutMs: 50, onError: 'continue' }, 'transform'), transform)).toMatchObject({ attempts: 1, timeoutMs: 50, onError: 'continue' });
  });
});

describe('runWithPolicy: which failures retry', () => {
  it('retries a thrown error until an attempt succeeds', async () => {
    const { attempt } = scripted(new Error('socket hang up'), new Error('socket hang up'), ok);
    const retries: RetryInfo[] = [];
    const outcome = await runWithPolicy(policy({ retry: { attempts: 3, backoffMs: 0 } }), attempt, options(undefined, (info) => retries.push(info)));
    expect(outcome).toEqual({ result: ok, attempts: 3 });
    expect(retries).toEqual([
      { attempt: 1, delayMs: 0, reason: 'socket hang up' },
      { attempt: 2, delayMs: 0, reason: 'socket hang up' },
    ]);
  });

  it('retries an error output with a retryable status, and after the last attempt passes that output on unchanged', async () => {
    const { attempt } = scripted(answered(503), answered(502));
    const outcome = await runWithPolicy(policy({ retry: { attempts: 2, backoffMs: 0 } }), attempt, options());
    expect(outcome).toEqual({ result: answered(502), attempts: 2 });
  });

  it('does not retry a 404, nor a status the policy leaves out', async () => {
    const notFound = scripted(answered(404));
    expect(await runWithPolicy(policy({ retry: { attempts: 5, backoffMs: 0 } }), notFound.attempt, options())).toEqual({ result: answered(404), attempts: 1 });
    const only429 = scripted(answered(503));
    await runWithPolicy(policy({ retry: { attempts: 5, backoffMs: 0, on: { statuses: [429] } } }), only429.attempt, options());
    expect(only429.attempt).toHaveBeenCalledTimes(1);
  });

  it('retries a network failure of the error output while retry.on.errors holds', async () => {
    const unreachable: NodeResult = { port: 'error', output: { error: { code: 'ECONNREFUSED', message: 'The request to crm.test failed: connect ECONNREFUSED' } } };
    const retried = scripted(unreachable, ok);
    expect(await runWithPolicy(policy({ retry: { attempts: 2, backoffMs: 0 } }), retried.attempt, options())).toEqual({ result: ok, attempts: 2 });
    const notRetried = scripted(unreachable, ok);
    const outcome = await runWithPolicy(policy({ retry: { attempts: 2, backoffMs: 0, on: { errors: false } } }), notRetried.attempt, options());
    expect(outcome).toEqual({ result: unreachable, attempts: 1 });
    const invalid = scripted({ port: 'error', output: { error: { code: 'INVALID_JSON', message: 'The response is not valid JSON.' }, status: 200 } });
    await runWithPolicy(policy({ retry: { attempts: 2, backoffMs: 0 } }), invalid.attempt, options());
    expect(invalid.attempt).toHaveBeenCalledTimes(1);
  });

  it('never retries a refusal of the outbound policy, nor an error marked retryable: false', async () => {
    const blocked = scripted(refused(), ok);
    await expect(runWithPolicy(policy({ retry: { attempts: 3, backoffMs: 0 } }), blocked.attempt, options())).rejects.toThrow('fetch failed');
    expect(blocked.attempt).toHaveBeenCalledTimes(1);
    const blockedItself = scripted(Object.assign(new Error('Refused to connect'), { code: 'OUTBOUND_BLOCKED' }), ok);
    await expect(runWithPolicy(policy({ retry: { attempts: 3, backoffMs: 0 } }), blockedItself.attempt, options())).rejects.toThrow('Refused to connect');
    expect(blockedItself.attempt).toHaveBeenCalledTimes(1);
    const final = scripted(Object.assign(new Error('credential "crm" is missing'), { retryable: false }), ok);
    await expect(runWithPolicy(policy({ retry: { attempts: 3, backoffMs: 0 } }), final.attempt, options())).rejects.toThrow('credential "crm" is missing');
    expect(final.attempt).toHaveBeenCalledTimes(1);
  });

  it('does not retry thrown errors when retry.on.errors is false', async () => {
    const { attempt } = scripted(new Error('boom'), ok);
    await expect(runWithPolicy(policy({ retry: { attempts: 3, backoffMs: 0, on: { errors: false } } }), attempt, options())).rejects.toThrow('boom');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('runWithPolicy: waits', () => {
  it('doubles the back-off up to its cap, without jitter, and starts no attempt before its wait is over', async () => {
    vi.useFakeTimers();
    const { attempt } = scripted(new Error('down'), new Error('down'), new Error('down'), new Error('down'), ok);
    const retries: RetryInfo[] = [];
    const running = runWithPolicy(policy({ retry: { attempts: 5, backoffMs: 1000, maxBackoffMs: 3000 } }), attempt, options(undefined, (info) => retries.push(info)));
    await vi.advanceTimersByTimeAsync(999);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.runAllTimersAsync();
    expect(await running).toEqual({ result: ok, attempts: 5 });
    expect(retries.map((info) => info.delayMs)).toEqual([1000, 2000, 3000, 3000]);
  });

  it('with jitter waits a random part of each back-off', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    const retries: RetryInfo[] = [];
    vi.useFakeTimers();
    const running = runWithPolicy(policy({ retry: { attempts: 3, backoffMs: 1000, jitter: true } }), scripted(new Error('down'), new Error('down'), ok).attempt, options(undefined, (info) => retries.push(info)));
    await vi.runAllTimersAsync();
    await running;
    expect(retries.map((info) => info.delayMs)).toEqual([250, 500]);
  });

  it('waits as long as the remote side’s Retry-After asks, and gives up when that is longer than the largest back-off', async () => {
    vi.useFakeTimers();
    const retries: RetryInfo[] = [];
    const running = runWithPolicy(policy({ retry: { attempts: 2, backoffMs: 100 } }), scripted(answered(429, { retryAfter: 5 }), ok).attempt, options(undefined, (info) => retries.push(info)));
    await vi.advanceTimersByTimeAsync(4999);
    expect(retries).toEqual([{ attempt: 1, delayMs: 5000, reason: 'The server answered 429.' }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await running).toEqual({ result: ok, attempts: 2 });

    const tooLate = scripted(answered(503, { retryAfter: 120 }), ok);
    const outcome = await runWithPolicy(policy({ retry: { attempts: 2, backoffMs: 100, maxBackoffMs: 60_000 } }), tooLate.attempt, options());
    expect(outcome).toEqual({ result: answered(503, { retryAfter: 120 }), attempts: 1 });
  });

  it('stops waiting at once when the execution’s signal aborts, and starts no further attempt', async () => {
    const run = new AbortController();
    const { attempt } = scripted(new Error('down'), ok);
    const running = runWithPolicy(policy({ retry: { attempts: 3, backoffMs: 600_000 } }), attempt, options(run.signal, () => setImmediate(() => run.abort(new Error('The execution has ended.')))));
    await expect(running).rejects.toThrow('The execution has ended.');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('runWithPolicy: timeout per attempt', () => {
  it('aborts a slow attempt’s own signal with a clear message, and retries it', async () => {
    const signals: AbortSignal[] = [];
    const attempt = vi.fn((signal: AbortSignal) => {
      signals.push(signal);
      // The first attempt ignores its signal and never answers; the timeout still ends it.
      return signals.length === 1 ? new Promise<NodeResult>(() => {}) : ok;
    });
    const run = new AbortController();
    const outcome = await runWithPolicy(policy({ timeoutMs: 30, retry: { attempts: 2, backoffMs: 0 } }), attempt, options(run.signal));
    expect(outcome).toEqual({ result: ok, attempts: 2 });
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[0]!.reason).toBeInstanceOf(NodeTimeoutError);
    expect(signals[1]!.aborted).toBe(false);
    expect(run.signal.aborted).toBe(false);
  });

  it('fails the node with "took longer than N ms" when every attempt is too slow', async () => {
    const attempt = (signal: AbortSignal) => new Promise<NodeResult>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const failure = runWithPolicy(policy({ timeoutMs: 20 }, transform), attempt, { input: 1, ports: ['out'], signal: new AbortController().signal });
    await expect(failure).rejects.toThrow('The node took longer than 20 ms (its timeout per attempt).');
    await expect(failure).rejects.toMatchObject({ code: 'NODE_TIMEOUT' });
  });

  it('aborts the attempt’s own signal when the execution’s signal aborts, and ends at once', async () => {
    const run = new AbortController();
    const seen: AbortSignal[] = [];
    const running = runWithPolicy(policy({ timeoutMs: 60_000 }), (signal) => (seen.push(signal), new Promise<NodeResult>(() => {})), options(run.signal));
    await Promise.resolve();
    expect(seen[0]).not.toBe(run.signal);
    expect(seen[0]!.aborted).toBe(false);
    run.abort(new Error('The execution has ended.'));
    expect(seen[0]!.reason).toEqual(new Error('The execution has ended.'));
    // The attempt never answers, yet the policy gives up at once.
    await expect(running).rejects.toThrow('The execution has ended.');
  });
});

describe('runWithPolicy: on error', () => {
  it('fail rethrows the last error', async () => {
    const { attempt } = scripted(new Error('first'), new Error('second'));
    await expect(runWithPolicy(policy({ retry: { attempts: 2, backoffMs: 0 } }), attempt, options())).rejects.toThrow('second');
  });

  it('continue takes the first port with the input unchanged and names the failure', async () => {
    const thrown = await runWithPolicy(policy({ onError: 'continue' }, transform), scripted(Object.assign(new Error('no such field'), { code: 'EXPRESSION_FAILED' })).attempt, {
      input: { order: 7 },
      ports: ['out'],
      signal: new AbortController().signal,
    });
    expect(thrown).toEqual({ result: { port: 'out', output: { order: 7 } }, attempts: 1, failure: { code: 'EXPRESSION_FAILED', message: 'no such field' } });
    const errorOutput = await runWithPolicy(policy({ onError: 'continue', retry: { attempts: 2, backoffMs: 0 } }), scripted(answered(500)).attempt, options());
    expect(errorOutput).toEqual({ result: { port: 'success', output: { order: 7 } }, attempts: 2, failure: { code: 'HTTP_STATUS', message: 'The server answered 500.' } });
  });

  it('errorPort takes the error port with the failure, the attempts and the input', async () => {
    const outcome = await runWithPolicy(policy({ onError: 'errorPort', retry: { attempts: 2, backoffMs: 0 } }, transform), scripted(new Error('boom')).attempt, {
      input: { order: 7 },
      ports: ['out', 'error'],
      signal: new AbortController().signal,
    });
    expect(outcome).toEqual({
      result: { port: 'error', output: { error: { code: 'NODE_FAILED', message: 'boom', attempts: 2 }, input: { order: 7 } } },
      attempts: 2,
      failure: { code: 'NODE_FAILED', message: 'boom' },
    });
    // A node's own error output is already on the error port: it passes unchanged.
    expect(await runWithPolicy(policy({ onError: 'errorPort' }), scripted(answered(404)).attempt, options())).toEqual({ result: answered(404), attempts: 1 });
  });

  it('does not turn the end of the execution into a result', async () => {
    const run = new AbortController();
    run.abort(new Error('The execution has ended.'));
    const { attempt } = scripted(new Error('aborted'));
    await expect(runWithPolicy(policy({ onError: 'continue', retry: { attempts: 3 } }), attempt, options(run.signal))).rejects.toThrow('The execution has ended.');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('an http-request node under its policy', () => {
  let server: Server;
  let url: string;
  let calls = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/busy') return void response.writeHead(429, { 'retry-after': '7' }).end();
      calls += 1;
      if (calls === 1) return void response.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"busy":true}');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"crm-1"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/contacts`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('puts the Retry-After of a failed answer into its error output, in seconds', async () => {
    const { output } = await runTestFlow(probePorts('http-request', { url: url.replace('/contacts', '/busy') }, ['success', 'error']));
    expect(output).toEqual({ port: 'error', result: { error: { code: 'HTTP_STATUS', message: 'The server answered 429 Too Many Requests.' }, status: 429, body: '', retryAfter: 7 } });
  });

  it('gets a 503 with Retry-After (the error output carries retryAfter), retries and succeeds', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'retrying',
      name: 'Retrying',
      nodes: [
        { id: 'in', type: 'webhook' },
        { id: 'call', type: 'http-request', config: { url }, settings: { retry: { attempts: 3, backoffMs: 0 } } },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'call' }],
    };
    const prepared = prepareFlow(flow, registry).nodes.get('call')!;
    const { services, close } = createTestServices();
    const seen: unknown[] = [];
    try {
      const signal = new AbortController().signal;
      const outcome = await runWithPolicy(prepared.policy!, (own) => prepared.run!({ input: {}, inputs: {}, scope: { trigger: {}, nodes: {} }, signal: own, services }) as Promise<NodeResult>, {
        input: {},
        ports: prepared.ports,
        signal,
        onRetry: (info) => seen.push(info),
      });
      expect(outcome.attempts).toBe(2);
      expect(outcome.result).toMatchObject({ port: 'success', output: { status: 200, body: { id: 'crm-1' } } });
      expect(seen).toEqual([{ attempt: 1, delayMs: 0, reason: 'The server answered 503 Service Unavailable.' }]);
    } finally {
      close();
    }
  });
});
