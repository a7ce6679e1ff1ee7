import { describe, expect, it } from 'vitest';
import { runTestFlow } from '../helpers/run-test-flow.js';

const delayed = (config: Record<string, unknown>) => ({
  nodes: { in: 'webhook', wait: { type: 'delay', config }, after: { type: 'transform', config: { expression: 'body' } } },
  edges: ['in -> wait', 'wait -> after'],
});

describe('delay', () => {
  it('waits, then passes the item on unchanged', async () => {
    const started = performance.now();
    const { output, visited, outcome } = await runTestFlow(delayed({ amount: 50, unit: 'milliseconds' }), { body: { id: 7 } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(output).toEqual({ id: 7 });
    expect(visited).toEqual(['in', 'wait', 'after']);
    expect(outcome.nodes.find((trace) => trace.nodeId === 'wait')).toMatchObject({ status: 'succeeded', port: 'out' });
  });

  it('ends the flow with the item when nothing follows it', async () => {
    const flow = { nodes: { in: 'webhook', wait: { type: 'delay', config: { amount: 0.02, unit: 'seconds' } } }, edges: ['in -> wait'] };
    const { output } = await runTestFlow(flow, { body: { id: 8 } });
    expect(output).toMatchObject({ method: 'POST', body: { id: 8 } });
  });

  it('refuses a delay longer than 10 minutes, or a negative one', async () => {
    await expect(runTestFlow(delayed({ amount: 11, unit: 'minutes' }))).rejects.toThrow('A delay may last at most 10 minutes.');
    await expect(runTestFlow(delayed({ amount: 601, unit: 'seconds' }))).rejects.toThrow('at most 10 minutes');
    await expect(runTestFlow(delayed({ amount: -1 }))).rejects.toThrow('A delay cannot be negative.');
  });
});
