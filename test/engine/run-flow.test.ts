import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineNode, type NodeDefinition } from '../../nodes/define-node.js';
import { builtInNodes, createRegistry } from '../../nodes/registry.js';
import { compileFlow } from '../../server/engine/compile-flow.js';
import { runFlow } from '../../server/engine/run-flow.js';
import { buildTestFlow, runTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices } from '../helpers/services.js';

const trigger = { method: 'POST', path: '/webhook/t', headers: {}, query: {}, params: {}, body: { n: 2 } };

/** A registry with one extra node type, for behaviour no built-in node shows. */
function registryWith(type: string, create: NonNullable<NodeDefinition['create']>) {
  const extra = defineNode({ type, label: type, category: 'action', description: `Test node ${type}.`, outputs: ['out'], config: z.object({}), create });
  return createRegistry([...builtInNodes, extra as NodeDefinition]);
}

describe('runFlow', () => {
  it('gives expressions $ (the input), $trigger and $nodes', async () => {
    const { output } = await runTestFlow(
      {
        nodes: {
          in: 'webhook',
          double: { type: 'transform', config: { expression: '{ "twice": body.n * 2 }' } },
          sum: { type: 'transform', config: { expression: '{ "input": twice, "body": $trigger.body.n, "earlier": $nodes.double.twice, "method": $trigger.method }' } },
        },
        edges: ['in -> double', 'double -> sum'],
      },
      { body: { n: 2 } },
    );
    expect(output).toEqual({ input: 4, body: 2, earlier: 4, method: 'POST' });
  });

  it('records a trace entry per node with input, output, port and timing', async () => {
    const { outcome } = await runTestFlow(
      { nodes: { in: 'webhook', check: { type: 'if', config: { condition: 'body.n > 1' } }, big: { type: 'transform', config: { expression: '"big"' } } }, edges: ['in -> check', 'check:true -> big'] },
      { body: { n: 5 } },
    );
    expect(outcome.status).toBe('succeeded');
    expect(outcome.nodes.map(({ nodeId, status, port }) => ({ nodeId, status, port }))).toEqual([
      { nodeId: 'in', status: 'succeeded', port: 'out' },
      { nodeId: 'check', status: 'succeeded', port: 'true' },
      { nodeId: 'big', status: 'succeeded', port: 'out' },
    ]);
    expect(outcome.nodes[2]).toMatchObject({ input: expect.objectContaining({ body: { n: 5 } }), output: 'big', durationMs: expect.any(Number) });
  });

  it('stops an execution that runs out of time and aborts the running node', async () => {
    let aborted = false;
    const registry = registryWith('hang', () => ({ signal }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      }),
    );
    const compiled = compileFlow(buildTestFlow({ nodes: { in: 'webhook', wait: 'hang' }, edges: ['in -> wait'] }), registry);
    const outcome = await runFlow(compiled, trigger, { services: createTestServices().services, timeoutMs: 50 });
    expect(outcome.status).toBe('timeout');
    expect(outcome.error).toMatchObject({ code: 'FLOW_TIMEOUT' });
    expect(outcome.nodes[1]).toMatchObject({ nodeId: 'wait', status: 'failed', error: expect.stringMatching(/ran out of time/) });
    expect(aborted).toBe(true);
  });

  it('fails a node that fires a port it does not declare', async () => {
    const registry = registryWith('rogue', () => () => ({ output: 1, port: 'elsewhere' }));
    const compiled = compileFlow(buildTestFlow({ nodes: { in: 'webhook', odd: 'rogue' }, edges: ['in -> odd'] }), registry);
    const outcome = await runFlow(compiled, trigger, { services: createTestServices().services, timeoutMs: 1000 });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ nodeId: 'odd', message: expect.stringMatching(/port "elsewhere", which it does not have/) });
  });

  it('fails with the node id and message when a node throws synchronously', async () => {
    const registry = registryWith('thrower', () => () => {
      throw new Error('boom');
    });
    const compiled = compileFlow(buildTestFlow({ nodes: { in: 'webhook', bad: 'thrower' }, edges: ['in -> bad'] }), registry);
    const outcome = await runFlow(compiled, trigger, { services: createTestServices().services, timeoutMs: 1000 });
    expect(outcome.error).toMatchObject({ nodeId: 'bad', code: 'NODE_FAILED', message: 'Node "bad" failed: boom' });
  });

  it('runs many executions of one compiled flow independently', async () => {
    const compiled = compileFlow(buildTestFlow({ nodes: { in: 'webhook', echo: { type: 'transform', config: { expression: 'body.n' } } }, edges: ['in -> echo'] }), createRegistry());
    const services = createTestServices().services;
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, n) => runFlow(compiled, { ...trigger, body: { n } }, { services, timeoutMs: 1000 })));
    expect(outcomes.map((outcome) => outcome.result)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  });
});
