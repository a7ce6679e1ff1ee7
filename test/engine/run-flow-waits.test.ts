import { describe, expect, it } from 'vitest';
import type { TriggerRequest } from '../../nodes/define-node.js';
import { createRegistry } from '../../nodes/registry.js';
import { compileFlow } from '../../server/engine/compile-flow.js';
import { FlowRun, type NodeTrace, type RunHooks, type RunState } from '../../server/engine/run-flow.js';
import { buildTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices } from '../helpers/services.js';

const registry = createRegistry();
const trigger: TriggerRequest = { method: 'POST', path: '/webhook/t', headers: {}, query: {}, params: {}, body: { n: 2 } };

const compiled = compileFlow(
  buildTestFlow({
    nodes: {
      in: 'webhook',
      pause: { type: 'delay', config: { amount: 150, unit: 'milliseconds' } },
      ask: { type: 'wait-for-webhook', config: { timeout: 1, unit: 'days' } },
      twice: { type: 'transform', config: { expression: '{ "n": $trigger.body.n * 2, "said": body.say }' } },
    },
    edges: ['in -> pause', 'pause -> ask', 'ask -> twice'],
  }),
  registry,
);

/** Hooks that keep what the run asked to persist. */
function recordingHooks() {
  const waited: Array<{ state: RunState; traces: NodeTrace[] }> = [];
  const hooks: RunHooks = {
    durable: true,
    waiting: (state, traces) => void waited.push({ state, traces: traces.map((trace) => ({ ...trace })) }),
    checkpoint: () => {},
  };
  return { hooks, waited };
}

const options = (hooks?: RunHooks, timeoutMs = 10_000) => ({ services: createTestServices().services, timeoutMs, ...(hooks ? { hooks } : {}) });

describe('waits of a run', () => {
  it('reports each wait with the state to persist, and counts only running time against the budget', async () => {
    const { hooks, waited } = recordingHooks();
    const run = FlowRun.start(compiled, trigger, options(hooks, 100));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(waited.map(({ state }) => Object.keys(state.waits))).toEqual([['pause'], ['ask']]);
    const asking = waited[1]!.state;
    expect(asking.value).toBe('ask');
    expect(asking.running).toEqual([]);
    expect(asking.waits.ask).toMatchObject({ webhook: true, timeoutPort: 'timeout' });
    expect(run.isIdle).toBe(true);
    // 250 ms have passed against a 100 ms budget: waiting does not count.
    expect(run.resumeWith({ body: { say: 'yes' } })).toBe(true);
    const outcome = await run.outcome;
    expect(outcome).toMatchObject({ status: 'succeeded', result: { n: 4, said: 'yes' } });
    expect(run.resumeWith({})).toBe(false);
  });

  it('without hooks (a preview), waiting counts against the budget', async () => {
    const run = FlowRun.start(compiled, trigger, options(undefined, 100));
    expect((await run.outcome).status).toBe('timeout');
  });

  it('restores from a persisted state in another run and carries on', async () => {
    const { hooks, waited } = recordingHooks();
    const first = FlowRun.start(compiled, trigger, options(hooks));
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { state, traces } = waited.at(-1)!;
    first.interrupt();
    const persisted = JSON.parse(JSON.stringify(state)) as RunState;
    const second = FlowRun.restore(compiled, persisted, traces, traces[0]!.startedAt, options(recordingHooks().hooks));
    expect(second.isIdle).toBe(true);
    expect(second.resumeWith({ body: { say: 'later' } })).toBe(true);
    const outcome = await second.outcome;
    expect(outcome).toMatchObject({ status: 'succeeded', result: { n: 4, said: 'later' } });
    expect(outcome.nodes.map((trace) => `${trace.nodeId}:${trace.status}:${trace.port}`)).toEqual(['in:succeeded:out', 'pause:succeeded:out', 'ask:succeeded:out', 'twice:succeeded:out']);
  });

  it('a wait whose time passed while the server was down ends at once on restore', async () => {
    const { hooks, waited } = recordingHooks();
    const first = FlowRun.start(compiled, trigger, options(hooks));
    const { state, traces } = waited[0]!;
    first.interrupt();
    const due: RunState = { ...state, waits: { pause: { ...state.waits.pause!, until: Date.now() - 1000 } } };
    const { hooks: later, waited: laterWaits } = recordingHooks();
    const restored = FlowRun.restore(compiled, due, traces, traces[0]!.startedAt, options(later));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(laterWaits.map(({ state: next }) => Object.keys(next.waits))).toEqual([['ask']]);
    restored.interrupt();
  });
});
