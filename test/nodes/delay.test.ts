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

  it('refuses a delay longer than 366 days, or a negative one', async () => {
    await expect(runTestFlow(delayed({ amount: 367, unit: 'days' }))).rejects.toThrow('A delay may last at most 366 days.');
    await expect(runTestFlow(delayed({ amount: 8785, unit: 'hours' }))).rejects.toThrow('at most 366 days');
    await expect(runTestFlow(delayed({ amount: -1 }))).rejects.toThrow('A delay cannot be negative.');
  });

  it('waits until the time its expression gives; a time already past goes on at once', async () => {
    const at = new Date(Date.now() + 60).toISOString();
    const started = performance.now();
    const { output } = await runTestFlow(delayed({ mode: 'until', until: 'body.at' }), { body: { at } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    expect(output).toEqual({ at });
    const past = await runTestFlow(delayed({ mode: 'until', until: '0' }), { body: { id: 1 } });
    expect(past.output).toEqual({ id: 1 });
  });

  it('fails with a clear message when "until" is not a date-time, and refuses an empty one', async () => {
    const { outcome } = await runTestFlow(delayed({ mode: 'until', until: '"next tuesday"' }));
    expect(outcome.error?.message).toContain('"until" gave "next tuesday", which is not a date-time');
    await expect(runTestFlow(delayed({ mode: 'until' }))).rejects.toThrow('Enter the expression that gives the time to wait until.');
  });
});
