import { describe, expect, it } from 'vitest';
import { runTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices } from '../helpers/services.js';

const counterFlow = (config: Record<string, unknown>) => ({
  nodes: {
    in: 'webhook',
    next: { type: 'counter', config },
    answer: { type: 'transform', config: { expression: '{ "reference": text }' } },
  },
  edges: ['in -> next', 'next -> answer'],
});

describe('counter', () => {
  it('turns a device error into a service case reference', async () => {
    const { services } = createTestServices();
    const flow = counterFlow({ name: 'service-cases', start: 181, prefix: 'CASE-', padding: 6 });
    const { output, outcome } = await runTestFlow(flow, { services, body: { serialNumber: 'PLE654-6964-10261', error: '212-16-17' } });
    expect(output).toEqual({ reference: 'CASE-000181' });
    expect(outcome.nodes.find((trace) => trace.nodeId === 'next')?.output).toEqual({ value: 181, text: 'CASE-000181' });
  });

  it('counts on from run to run by its step, one sequence per name', async () => {
    const { services } = createTestServices();
    const tickets = counterFlow({ name: 'tickets', start: 10, step: 5 });
    const orders = counterFlow({ name: 'orders' });
    const references = [];
    for (const flow of [tickets, tickets, orders, tickets, orders]) references.push((await runTestFlow(flow, { services })).output);
    expect(references).toEqual([{ reference: '10' }, { reference: '15' }, { reference: '1' }, { reference: '20' }, { reference: '2' }]);
  });

  it('does not cut a number longer than its padding', async () => {
    const { services } = createTestServices();
    const { output } = await runTestFlow(counterFlow({ name: 'big', start: 123456, padding: 3, prefix: '#' }), { services });
    expect(output).toEqual({ reference: '#123456' });
  });

  it('refuses a name that is not kebab-case and padding over 20 digits', async () => {
    await expect(runTestFlow(counterFlow({ name: 'Service Cases' }))).rejects.toThrow('Use lowercase letters and digits');
    await expect(runTestFlow(counterFlow({}))).rejects.toThrow('nodes[1].config.name');
    await expect(runTestFlow(counterFlow({ name: 'a', padding: 21 }))).rejects.toThrow('nodes[1].config.padding');
  });
});
