import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../nodes/registry.js';
import { compileFlow } from '../../server/engine/compile-flow.js';
import { FlowValidationError } from '../../server/errors.js';
import { flowDocument } from '../helpers/flow-document.js';

const registry = createRegistry();

const flowOf = (nodes: Parameters<typeof flowDocument>[1], edges: Parameters<typeof flowDocument>[2]) => flowDocument('shape', nodes, edges);

const transform = (expression = '$'): [string, Record<string, unknown>] => ['transform', { expression }];

/** The machine's state tree as plain data, without xstate's internals. */
function shapeOf(flow: unknown) {
  return compileFlow(flow, registry).machine.config as unknown as Record<string, unknown>;
}

describe('compileFlow', () => {
  it('turns a linear flow into one state per node after the trigger and the two final states', () => {
    const config = shapeOf(flowOf({ in: ['webhook'], a: transform(), b: transform() }, [['in', 'a'], ['a', 'b']]));
    const states = config.states as Record<string, Record<string, unknown>>;
    expect(Object.keys(states)).toEqual(['a', 'b', '_done', '_failed']);
    expect(config.initial).toBe('a');
    expect(states.a!.entry).toEqual({ type: 'runNode', params: { nodeId: 'a' } });
    expect(states.a!.on).toEqual({
      'node.a': [
        { guard: { type: 'tookPort', params: { port: 'out' } }, target: '#b', actions: { type: 'recordOutput', params: { nodeId: 'a', deliverTo: ['b'] } } },
        { target: '#_done', actions: { type: 'recordOutput', params: { nodeId: 'a', deliverTo: [] } } },
      ],
    });
    expect(states.b!.on).toEqual({ 'node.b': [{ target: '#_done', actions: { type: 'recordOutput', params: { nodeId: 'b', deliverTo: [] } } }] });
    expect(states._failed).toEqual({ id: '_failed', type: 'final' });
    expect(config.on).toEqual({ 'node.failed': { target: '._failed', actions: 'recordFailure' } });
  });

  it("starts an execution in the first node's state with the trigger's item delivered to it", () => {
    const compiled = compileFlow(flowOf({ in: ['webhook'], a: transform() }, [['in', 'a']]), registry);
    const trigger = { method: 'POST', path: '/x', headers: {}, query: {}, params: {}, body: { n: 1 } };
    const { snapshot, actions } = compiled.stepper.initial(trigger);
    expect(snapshot.value).toBe('a');
    expect(snapshot.context.arrivals).toEqual({ a: { in: trigger } });
    expect(actions.map((action) => [action.type, action.params])).toEqual([['runNode', { nodeId: 'a' }]]);
    const next = compiled.stepper.next(snapshot, { type: 'node.a', port: 'out', output: 42 });
    expect([next.snapshot.status, next.snapshot.output]).toEqual(['done', 42]);
  });

  it('gives a branch node one guarded transition per wired port', () => {
    const config = shapeOf(flowOf({ in: ['webhook'], check: ['if', { condition: 'body.ok' }], yes: transform(), no: transform() }, [['in', 'check'], ['check', 'yes', 'true'], ['check', 'no', 'false']]));
    const check = (config.states as Record<string, { on: Record<string, Array<{ guard?: unknown; target: string }>> }>).check!;
    expect(check.on['node.check']!.map((transition) => [transition.guard, transition.target])).toEqual([
      [{ type: 'tookPort', params: { port: 'true' } }, '#yes'],
      [{ type: 'tookPort', params: { port: 'false' } }, '#no'],
      [undefined, '#_done'],
    ]);
  });

  it('runs a fan-out as a parallel state whose branches end where a merge node joins them', () => {
    const config = shapeOf(
      flowOf({ in: ['webhook'], left: transform('1'), right: transform('2'), join: ['merge'], after: transform() }, [
        ['in', 'left'],
        ['in', 'right'],
        ['left', 'join'],
        ['right', 'join'],
        ['join', 'after'],
      ]),
    );
    const states = config.states as Record<string, Record<string, unknown>>;
    expect(Object.keys(states)).toEqual(['_fork1', 'join', 'after', '_done', '_failed']);
    expect(config.initial).toBe('_fork1');
    const fork = states._fork1 as { type: string; states: Record<string, { initial: string; states: Record<string, unknown> }>; onDone: unknown };
    expect(fork.type).toBe('parallel');
    expect(Object.values(fork.states).map((branch) => [branch.initial, Object.keys(branch.states)])).toEqual([
      ['left', ['left', '_end']],
      ['right', ['right', '_end']],
    ]);
    expect(fork.onDone).toEqual([{ guard: { type: 'arrived', params: { nodeId: 'join' } }, target: '#join' }, { target: '#_done' }]);
    const left = fork.states.branch0!.states.left as { on: Record<string, Array<{ target: string; actions: unknown }>> };
    expect(left.on['node.left']![0]).toMatchObject({ target: '#_end2', actions: { params: { deliverTo: ['join'] } } });
  });

  it('gives a waiting node a state like any other: the execution sends its event when the wait ends', () => {
    const config = shapeOf(flowOf({ in: ['webhook'], wait: ['delay', { amount: 2, unit: 'seconds' }], next: transform() }, [['in', 'wait'], ['wait', 'next']]));
    const wait = (config.states as Record<string, { entry: unknown; after?: unknown; on: Record<string, Array<{ target: string }>> }>).wait!;
    expect(wait.after).toBeUndefined();
    expect(wait.entry).toEqual({ type: 'runNode', params: { nodeId: 'wait' } });
    expect(wait.on['node.wait']![0]!.target).toBe('#next');
  });

  it('refuses parallel branches that meet at a node that cannot join them', () => {
    const flow = flowOf({ in: ['webhook'], left: transform(), right: transform(), both: transform() }, [
      ['in', 'left'],
      ['in', 'right'],
      ['left', 'both'],
      ['right', 'both'],
    ]);
    expect(() => compileFlow(flow, registry)).toThrowError(/only a Merge node can join parallel branches/);
  });

  it('refuses a node entered both inside and outside a set of parallel branches', () => {
    const flow = flowOf({ in: ['webhook'], check: ['if', { condition: '1' }], split: transform(), a: transform(), b: transform(), join: ['merge'] }, [
      ['in', 'check'],
      ['check', 'split', 'true'],
      ['check', 'a', 'false'],
      ['split', 'a'],
      ['split', 'b'],
      ['a', 'join'],
      ['b', 'join'],
    ]);
    const error = catchError(() => compileFlow(flow, registry));
    expect(error.problems.map((problem) => problem.nodeId)).toContain('a');
  });
});

function catchError(run: () => unknown): FlowValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof FlowValidationError) return error;
    throw error;
  }
  throw new Error('expected a FlowValidationError');
}
