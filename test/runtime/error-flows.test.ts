import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TriggerRequest } from '../../nodes/define-node.js';
import { defaultExpressionLimits } from '../../nodes/expression.js';
import { createRegistry } from '../../nodes/registry.js';
import { expandRecord } from '../../server/engine/compact-record.js';
import { noCredentials } from '../../server/credentials/preview-credentials.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { ErrorFlows } from '../../server/runtime/error-flows.js';
import { Executor } from '../../server/runtime/executor.js';
import { ResumeLinks } from '../../server/runtime/resume-links.js';
import { FlowRuntime } from '../../server/runtime/flow-runtime.js';
import { createSharedServices } from '../../server/runtime/node-services.js';
import { createMemoryStore } from '../../server/store/open-store.js';
import type { ExecutionRecord, Store } from '../../server/store/types.js';
import { eventually, flowDocument } from '../helpers/start-app.js';

let store: Store;
let runtime: FlowRuntime;
let executor: Executor;
let logger: Logger;
let finished: ExecutionRecord[];

const refuse = async (): Promise<never> => {
  throw new Error('no network in this test');
};

beforeEach(() => {
  store = createMemoryStore();
  logger = createLogger('silent');
  runtime = new FlowRuntime(store, createRegistry(), defaultExpressionLimits, logger);
  executor = new Executor(store.executions, createSharedServices(store.flows, { fetch: refuse, sendMail: refuse }, noCredentials), logger, 5000, new ResumeLinks(Buffer.alloc(32)));
  const errorFlows = new ErrorFlows(runtime, executor, logger);
  finished = [];
  executor.onFinished = (record) => {
    finished.push(expandRecord(record));
    errorFlows.handle(record);
  };
});
afterEach(async () => {
  await store.close();
});

const request = (body: unknown): TriggerRequest => ({
  method: 'POST',
  path: '/webhook/shop/orders',
  headers: { authorization: 'Bearer secret', 'x-shop': 'demo' },
  query: { key: 'secret-query' },
  params: {},
  body,
});

/** Runs a stored flow as a webhook (or `mode`) call and waits for its final record. */
async function run(flowId: string, body: unknown, mode: ExecutionRecord['mode'] = 'webhook'): Promise<ExecutionRecord> {
  const stored = (await store.flows.get(flowId))!;
  const { id } = executor.execute(stored, runtime.compiledFor(stored), request(body), { mode });
  return eventually(async () => finished.find((record) => record.id === id));
}

/** The error-handler runs recorded so far for flow `flowId`. */
const runsOf = (flowId: string) => finished.filter((record) => record.flowId === flowId);

/** Waits until nothing runs any more, then a little longer for anything wrongly started. */
async function quiet(): Promise<void> {
  await eventually(async () => (executor.inFlightCount === 0 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 50));
  await eventually(async () => (executor.inFlightCount === 0 ? true : undefined));
}

/** An error-handler flow whose result is the report it received. */
const handler = (id: string, flows?: string[], extra: Record<string, unknown> = {}) =>
  runtime.create(flowDocument(id, { failed: ['error-trigger', flows ? { flows } : {}], keep: ['transform', { expression: 'body' }] }, [['failed', 'keep']], extra));

describe('ErrorFlows', () => {
  it('starts a watching handler with mode error on the failure report: error, failed node and its input, nothing of the request', async () => {
    await runtime.create(
      flowDocument(
        'orders',
        { in: ['webhook'], shape: ['transform', { expression: '{ "total": body.total }' }], check: ['transform', { expression: '$error("total missing")' }] },
        [['in', 'shape'], ['shape', 'check']],
        { name: 'Orders' },
      ),
    );
    await handler('alert', ['orders']);
    const failed = await run('orders', { total: 5 });
    expect(failed.status).toBe('failed');
    const [alert] = await eventually(async () => (runsOf('alert').length ? runsOf('alert') : undefined));
    const report = {
      execution: {
        id: failed.id,
        flowId: 'orders',
        flowName: 'Orders',
        flowVersion: 1,
        mode: 'webhook',
        status: 'failed',
        startedAt: failed.startedAt,
        finishedAt: failed.finishedAt,
        error: { nodeId: 'check', code: failed.error!.code, message: failed.error!.message },
        failedNode: { id: 'check', type: 'transform', input: { total: 5 } },
      },
      flow: { id: 'orders', name: 'Orders' },
    };
    expect(failed.error!.message).toContain('total missing');
    expect(alert).toMatchObject({ mode: 'error', status: 'succeeded', result: report });
    expect(alert!.request).toEqual({ method: 'POST', path: '', headers: {}, query: {}, body: report });
    expect(JSON.stringify(alert)).not.toMatch(/secret|x-shop|shop\/orders/);
  });

  it('gives the input of a node that failed on the trigger request as the body only', async () => {
    await runtime.create(flowDocument('first', { in: ['webhook'], check: ['transform', { expression: '$error("no")' }] }, [['in', 'check']]));
    await handler('alert', ['first']);
    await run('first', { id: 1 });
    const [alert] = await eventually(async () => (runsOf('alert').length ? runsOf('alert') : undefined));
    expect((alert!.result as { execution: { failedNode: unknown } }).execution.failedNode).toEqual({ id: 'check', type: 'transform', input: { body: { id: 1 } } });
  });

  it('reports failures of api and cli runs, and timeouts; never test runs or successes', async () => {
    await runtime.create(flowDocument('orders', { in: ['webhook'], check: ['transform', { expression: 'body.fail ? $error("no") : "ok"' }] }, [['in', 'check']]));
    await handler('alert', ['orders']);
    await run('orders', { fail: true }, 'test');
    await run('orders', { fail: false });
    await run('orders', { fail: true }, 'api');
    await quiet();
    expect(runsOf('alert').map((record) => (record.result as { execution: { mode: string } }).execution.mode)).toEqual(['api']);

    const timedOut = { ...(await run('orders', { fail: false })), status: 'timeout' as const, error: { code: 'FLOW_TIMEOUT', message: 'The flow did not finish within 5000 ms.' }, mode: 'cli' as const };
    new ErrorFlows(runtime, executor, logger).handle(timedOut);
    await eventually(async () => (runsOf('alert').length === 2 ? true : undefined));
    expect((runsOf('alert')[1]!.result as { execution: unknown }).execution).toMatchObject({ mode: 'cli', status: 'timeout', error: timedOut.error });
    expect((runsOf('alert')[1]!.result as { execution: object }).execution).not.toHaveProperty('failedNode');
  });

  it('starts only active handlers watching the flow; an empty list watches every flow except handlers; a handler run never reports', async () => {
    await runtime.create(flowDocument('orders', { in: ['webhook'], check: ['transform', { expression: '$error("no")' }] }, [['in', 'check']]));
    await handler('named', ['orders']);
    await handler('every', []);
    await handler('other', ['invoices']);
    await handler('off', ['orders'], { active: false });
    await runtime.create(flowDocument('broken', { failed: ['error-trigger'], boom: ['transform', { expression: '$error("broken too")' }] }, [['failed', 'boom']]));
    await handler('watches-broken', ['broken']);
    await run('orders', {});
    await quiet();
    expect(finished.filter((record) => record.mode === 'error').map((record) => record.flowId).toSorted()).toEqual(['broken', 'every', 'named']);
    expect(runsOf('broken')).toMatchObject([{ status: 'failed' }]);
  });

  it('reports an api re-run of a handler to a handler naming it, but not to one watching every flow', async () => {
    await handler('alert', []);
    await handler('meta', ['alert']);
    const failed = { ...(await run('alert', {}, 'api')), status: 'failed' as const, error: { code: 'NODE_FAILED', message: 'no' } };
    await quiet();
    finished.length = 0;
    new ErrorFlows(runtime, executor, logger).handle(failed);
    await quiet();
    expect(finished.map((record) => record.flowId)).toEqual(['meta']);
  });

  it('logs, never throws, when the flows cannot be read or a handler cannot start; the other handlers still start', async () => {
    await runtime.create(flowDocument('orders', { in: ['webhook'], check: ['transform', { expression: '$error("no")' }] }, [['in', 'check']]));
    await handler('good', ['orders']);
    // Stored behind the runtime's back: it does not compile (unknown node type after the trigger).
    await store.flows.create(flowDocument('bad', { failed: ['error-trigger', { flows: ['orders'] }], x: ['no-such-type'] }, [['failed', 'x']]) as never);
    const errors = vi.spyOn(logger, 'error');
    await run('orders', {});
    await quiet();
    expect(runsOf('good')).toHaveLength(1);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ flowId: 'bad' }), 'error-handler flow could not be started');

    vi.spyOn(store.flows, 'list').mockRejectedValueOnce(new Error('disk gone'));
    expect(() => new ErrorFlows(runtime, executor, logger).handle({ ...runsOf('orders')[0]!, status: 'failed' })).not.toThrow();
    await eventually(async () => (errors.mock.calls.some(([, message]) => message === 'error-handler flows could not be started') ? true : undefined));
  });
});
