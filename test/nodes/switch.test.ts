import { describe, expect, it } from 'vitest';
import { runTestFlow } from '../helpers/run-test-flow.js';

const rules = [
  { name: 'urgent', condition: 'body.priority >= 8' },
  { name: 'normal', condition: 'body.priority >= 3' },
];

/** trigger → switch, with a transform on every port that names the port it came from. */
const routeFlow = {
  nodes: {
    in: 'webhook',
    route: { type: 'switch', config: { rules } },
    urgent: { type: 'transform', config: { expression: '"urgent:" & $string(body.priority)' } },
    normal: { type: 'transform', config: { expression: '"normal:" & $string(body.priority)' } },
    other: { type: 'transform', config: { expression: '"fallback:" & $string(body.priority)' } },
  },
  edges: ['in -> route', 'route:urgent -> urgent', 'route:normal -> normal', 'route:fallback -> other'],
};

describe('switch', () => {
  it('sends the item to the first rule whose condition is true', async () => {
    expect((await runTestFlow(routeFlow, { body: { priority: 9 } })).output).toBe('urgent:9');
    expect((await runTestFlow(routeFlow, { body: { priority: 5 } })).output).toBe('normal:5');
  });

  it('sends the item to fallback when no rule matches', async () => {
    const { output, visited } = await runTestFlow(routeFlow, { body: { priority: 1 } });
    expect(output).toBe('fallback:1');
    expect(visited).toEqual(['in', 'route', 'other']);
  });

  it('passes the item through unchanged', async () => {
    const { outcome } = await runTestFlow(routeFlow, { body: { priority: 9 } });
    const route = outcome.nodes.find((trace) => trace.nodeId === 'route');
    expect(route).toMatchObject({ port: 'urgent', output: route?.input });
  });

  it('uses JSONata truthiness: an empty string or array does not match', async () => {
    const flow = {
      nodes: { in: 'webhook', route: { type: 'switch', config: { rules: [{ name: 'tagged', condition: 'body.tags' }] } } },
      edges: ['in -> route'],
    };
    const untagged = await runTestFlow(flow, { body: { tags: [] } });
    expect(untagged.outcome.nodes.at(-1)?.port).toBe('fallback');
    const tagged = await runTestFlow(flow, { body: { tags: ['a'] } });
    expect(tagged.outcome.nodes.at(-1)?.port).toBe('tagged');
  });

  it('refuses duplicate rule names, a rule named fallback and an edge from an unknown port', async () => {
    const flow = (config: unknown, edges = ['in -> route']) => ({
      nodes: { in: 'webhook', route: { type: 'switch', config }, next: { type: 'transform', config: { expression: '$' } } },
      edges,
    });
    const twice = { rules: [{ name: 'a', condition: 'true' }, { name: 'A', condition: 'false' }] };
    await expect(runTestFlow(flow(twice))).rejects.toThrow('The rule "A" is listed twice');
    await expect(runTestFlow(flow({ rules: [{ name: 'fallback', condition: 'true' }] }))).rejects.toThrow('"fallback" port is taken');
    await expect(runTestFlow(flow({ rules }, ['in -> route', 'route:missing -> next']))).rejects.toThrow('has no output port "missing"');
  });

  it('names the rule whose condition does not parse', async () => {
    const flow = { nodes: { in: 'webhook', route: { type: 'switch', config: { rules: [{ name: 'a', condition: 'body.(' }] } } }, edges: ['in -> route'] };
    await expect(runTestFlow(flow)).rejects.toMatchObject({ problems: [expect.objectContaining({ path: 'nodes[1].config.rules[0].condition' })] });
  });
});
