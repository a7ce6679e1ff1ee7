import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../nodes/registry.js';
import { prepareFlow } from '../../server/engine/prepare-flow.js';
import { FlowValidationError, type FlowProblem } from '../../server/errors.js';

const registry = createRegistry();

function problemsOf(document: unknown): FlowProblem[] {
  try {
    prepareFlow(document, registry);
  } catch (error) {
    if (error instanceof FlowValidationError) return error.problems;
    throw error;
  }
  return [];
}

const base = {
  schemaVersion: 1,
  id: 'check',
  name: 'Check',
  nodes: [
    { id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: {} },
    { id: 'map', type: 'transform', position: { x: 200, y: 0 }, config: { expression: '{ "a": body.a }' } },
  ],
  edges: [{ id: 'e1', source: 'in', target: 'map' }],
};

describe('prepareFlow', () => {
  it('accepts a valid flow and fills config defaults', () => {
    const prepared = prepareFlow(base, registry);
    expect(prepared.trigger.node.id).toBe('in');
    expect(prepared.trigger.config).toMatchObject({ methods: ['POST'], respond: 'lastNode', responseTimeoutMs: 30000 });
  });

  it('reports schema problems with their JSON paths', () => {
    const problems = problemsOf({ ...base, schemaVersion: 2, name: '', nodes: [{ ...base.nodes[0], id: 'bad id' }] });
    expect(problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['schemaVersion', 'name', 'nodes[0].id']));
  });

  it('reports every semantic problem at once, each with its path', () => {
    const problems = problemsOf({
      ...base,
      nodes: [
        ...base.nodes,
        { id: 'x', type: 'no-such-type', config: {} },
        { id: 'cfg', type: 'webhook', config: { methods: [] } },
        { id: 'syntax', type: 'transform', config: { expression: '{ "a": ' } },
      ],
      edges: [...base.edges, { id: 'e2', source: 'map', target: 'ghost' }, { id: 'e3', source: 'in', target: 'map', sourceHandle: 'nope' }],
    });
    const byPath = Object.fromEntries(problems.map((problem) => [problem.path, problem]));
    expect(byPath['nodes[2].type']?.message).toMatch(/Unknown node type "no-such-type"/);
    expect(byPath['nodes[3].config.methods']?.message).toMatch(/at least one HTTP method/);
    expect(byPath['nodes[4].config.expression']).toMatchObject({ nodeId: 'syntax', position: expect.any(Number) });
    expect(byPath['nodes[4].config.expression']?.message).toMatch(/JSONata syntax error at character \d+/);
    expect(byPath['edges[1].target']?.message).toMatch(/"ghost", which does not exist/);
    expect(byPath['edges[2].sourceHandle']?.message).toMatch(/has no output port "nope"/);
  });

  it('refuses a flow without a trigger and one with two', () => {
    expect(problemsOf({ ...base, nodes: [base.nodes[1]], edges: [] })[0]?.message).toMatch(/no trigger/);
    const two = problemsOf({ ...base, nodes: [...base.nodes, { id: 'in2', type: 'webhook', config: {} }] });
    expect(two).toEqual([expect.objectContaining({ path: 'nodes[2]', nodeId: 'in2', message: expect.stringMatching(/more than one trigger/) })]);
  });

  it('refuses a cycle and names its nodes', () => {
    const problems = problemsOf({
      ...base,
      nodes: [...base.nodes, { id: 'back', type: 'transform', config: { expression: '$' } }],
      edges: [...base.edges, { id: 'e2', source: 'map', target: 'back' }, { id: 'e3', source: 'back', target: 'map' }],
    });
    expect(problems).toEqual([expect.objectContaining({ path: 'edges', message: expect.stringMatching(/loop: map → back → map/) })]);
  });

  it('refuses duplicate ids, self-loops and edges into the trigger', () => {
    const problems = problemsOf({
      ...base,
      nodes: [...base.nodes, { ...base.nodes[1] }],
      edges: [...base.edges, { id: 'e1', source: 'map', target: 'map' }, { id: 'e4', source: 'map', target: 'in' }],
    });
    const messages = problems.map((problem) => problem.message).join('\n');
    expect(messages).toMatch(/Node id "map" is used more than once/);
    expect(messages).toMatch(/Edge id "e1" is used more than once/);
    expect(messages).toMatch(/connects node "map" to itself/);
    expect(messages).toMatch(/leads into trigger "in"/);
  });

  it('refuses what is not a flow at all', () => {
    expect(problemsOf('hello')[0]?.message).toBeTruthy();
    expect(problemsOf(null)[0]?.message).toBeTruthy();
  });
});
