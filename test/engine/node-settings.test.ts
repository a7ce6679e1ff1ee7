import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../nodes/registry.js';
import { flowSchema } from '../../server/engine/flow-schema.js';
import { prepareFlow } from '../../server/engine/prepare-flow.js';
import { FlowValidationError, type FlowProblem } from '../../server/errors.js';

const registry = createRegistry();

/** trigger → `node` (plus `more` nodes and edges), as a flow document. */
function flowWith(node: Record<string, unknown>, more: { nodes?: Record<string, unknown>[]; edges?: Record<string, unknown>[]; settings?: unknown } = {}) {
  return {
    schemaVersion: 1,
    id: 'failing',
    name: 'Failing',
    nodes: [{ id: 'in', type: 'webhook' }, { id: 'step', type: 'transform', config: { expression: 'body' }, ...node }, ...(more.nodes ?? [])],
    edges: [{ id: 'e1', source: 'in', target: 'step' }, ...(more.edges ?? [])],
    ...(more.settings !== undefined && { settings: more.settings }),
  };
}

function problemsOf(document: unknown): FlowProblem[] {
  try {
    prepareFlow(document, registry);
  } catch (error) {
    if (error instanceof FlowValidationError) return error.problems;
    throw error;
  }
  return [];
}

const messages = (document: unknown) => Object.fromEntries(problemsOf(document).map((problem) => [problem.path, problem.message]));

describe('node and flow settings in the flow document', () => {
  it('leaves a flow without settings as it was: no settings appear on the flow or its nodes', () => {
    const parsed = flowSchema.parse(flowWith({}));
    expect(parsed).not.toHaveProperty('settings');
    for (const node of parsed.nodes) expect(node).not.toHaveProperty('settings');
  });

  it('keeps the settings a flow sets, adding no defaults to them', () => {
    const settings = { retry: { attempts: 3, on: { statuses: [503] } }, timeoutMs: 5000, onError: 'continue' };
    const parsed = flowSchema.parse(flowWith({ settings }, { settings: { timeoutMs: 120_000 } }));
    expect(parsed.nodes[1]!.settings).toEqual(settings);
    expect(parsed.settings).toEqual({ timeoutMs: 120_000 });
  });

  it('answers bad values with messages that say what is allowed, each at its path', () => {
    const bad = messages(
      flowWith(
        { settings: { retry: { attempts: 11, backoffMs: 2.5, maxBackoffMs: 700_000, jitter: 'yes', on: { statuses: [99] } }, timeoutMs: 0, onError: 'ignore' } },
        { settings: { timeoutMs: 500 } },
      ),
    );
    expect(bad).toEqual({
      'nodes[1].settings.retry.attempts': 'retry.attempts may be at most 10.',
      'nodes[1].settings.retry.backoffMs': 'retry.backoffMs must be a whole number of milliseconds.',
      'nodes[1].settings.retry.maxBackoffMs': 'retry.maxBackoffMs may be at most 600000 ms.',
      'nodes[1].settings.retry.jitter': 'retry.jitter must be true or false.',
      'nodes[1].settings.retry.on.statuses[0]': 'An HTTP status lies between 100 and 599.',
      'nodes[1].settings.timeoutMs': 'timeoutMs must be at least 1 ms.',
      'nodes[1].settings.onError': 'onError must be "fail" (stop the flow), "continue" (go on with the input) or "errorPort" (take the error output).',
      'settings.timeoutMs': 'settings.timeoutMs must be at least 1000 ms.',
    });
  });

  it('names a setting it does not know, and the ones it knows', () => {
    expect(messages(flowWith({ settings: { retries: 3 } }))).toEqual({
      'nodes[1].settings': 'Unknown node setting "retries"; known: retry, timeoutMs, onError.',
    });
    expect(messages(flowWith({ settings: { retry: { attempts: 2, backoffMs: 5000, maxBackoffMs: 1000 } } }))).toEqual({
      'nodes[1].settings.retry.maxBackoffMs': 'retry.maxBackoffMs must not be shorter than retry.backoffMs (the first wait).',
    });
  });

  it('refuses settings on the trigger and on a node that pauses the execution', () => {
    const document = flowWith({}, { nodes: [{ id: 'later', type: 'delay', settings: { retry: { attempts: 2 } } }], edges: [{ id: 'e2', source: 'step', target: 'later' }] });
    document.nodes[0] = { id: 'in', type: 'webhook', settings: { timeoutMs: 1000 } } as (typeof document.nodes)[number];
    expect(messages(document)).toEqual({
      'nodes[0].settings': 'Node "in" takes no retry, timeout or on-error settings: a trigger starts the flow. Remove its settings.',
      'nodes[2].settings': 'Node "later" takes no retry, timeout or on-error settings: a Delay node pauses the execution rather than runs. Remove its settings.',
    });
  });
});

describe('prepareFlow with node settings', () => {
  it('gives a node with settings its policy, and one without none', () => {
    const prepared = prepareFlow(flowWith({ settings: { retry: { attempts: 2 } } }), registry);
    expect(prepared.nodes.get('step')!.policy).toMatchObject({ attempts: 2, onError: 'fail' });
    expect(prepareFlow(flowWith({}), registry).nodes.get('step')).not.toHaveProperty('policy');
  });

  it('adds the error port for onError "errorPort", so an edge can leave from it', () => {
    const handled = { nodes: [{ id: 'alert', type: 'transform', config: { expression: 'error' } }], edges: [{ id: 'e2', source: 'step', target: 'alert', sourceHandle: 'error' }] };
    expect(prepareFlow(flowWith({ settings: { onError: 'errorPort' } }, handled), registry).nodes.get('step')!.ports).toEqual(['out', 'error']);
    expect(messages(flowWith({}, handled))).toEqual({ 'edges[1].sourceHandle': 'Node "step" has no output port "error"; its ports are: out.' });
  });

  it('keeps the one error port of a node type that has its own', () => {
    const call = { id: 'step', type: 'http-request', config: { url: 'https://crm.example.com/contacts' }, settings: { onError: 'errorPort' } };
    expect(prepareFlow(flowWith(call), registry).nodes.get('step')!.ports).toEqual(['success', 'error']);
  });

  it('refuses onError "errorPort" on a switch whose rule is named "error"', () => {
    const routing = { type: 'switch', config: { rules: [{ name: 'error', condition: 'failed' }] }, settings: { onError: 'errorPort' } };
    expect(messages(flowWith(routing))).toEqual({
      'nodes[1].settings.onError': 'Node "step" already has a port named "error" (a rule\'s name), which the error output needs. Rename that rule, or choose another onError.',
    });
  });
});
