import { describe, expect, it } from 'vitest';
import { describeNodes } from '../../nodes/describe-nodes.js';
import { builtInNodes } from '../../nodes/registry.js';
import type { FlowDocument, FlowNode, NodeType } from '../../editor/src/api/types.js';
import { connect, connectableTargets, disconnect, leadsTo, nodeLabel, outputsOf, refuseConnection } from '../../editor/src/canvas/connections.js';

const catalog = describeNodes(builtInNodes) as unknown as NodeType[];
const types = new Map(catalog.map((type) => [type.type, type]));

const node = (id: string, type: string, config: Record<string, unknown> = {}, name?: string): FlowNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
  ...(name ? { name } : {}),
});
const flow = (nodes: FlowNode[], edges: FlowDocument['edges'] = []): FlowDocument => ({ schemaVersion: 1, id: 'f', name: 'F', active: false, nodes, edges });
const ids = (nodes: FlowNode[]) => nodes.map((candidate) => candidate.id);

const hook = node('hook', 'webhook');
const shape = node('shape', 'transform', { expression: '$' }, 'Shape order');
const answer = node('answer', 'respond');

describe('a node’s outputs', () => {
  it('lists each port of the node with the edges leaving from it', () => {
    const check = node('check', 'if', { test: 'ok' });
    const document = flow([hook, check, shape, answer], [
      { id: 'e1', source: 'hook', target: 'check' },
      { id: 'e2', source: 'check', target: 'shape', sourceHandle: 'true' },
      { id: 'e3', source: 'check', target: 'answer', sourceHandle: 'true' },
    ]);
    expect(outputsOf(document, check, types)).toEqual([
      { port: 'true', edges: [document.edges[1], document.edges[2]] },
      { port: 'false', edges: [] },
    ]);
    expect(outputsOf(document, hook, types)).toEqual([{ port: 'out', edges: [document.edges[0]] }]);
  });

  it('names a switch’s ports after its rules, and keeps an edge from a renamed rule so it can be disconnected', () => {
    const route = node('route', 'switch', { rules: [{ name: 'big', condition: 'total > 100' }] });
    const document = flow([hook, route, shape], [{ id: 'e1', source: 'route', target: 'shape', sourceHandle: 'large' }]);
    expect(outputsOf(document, route, types).map((output) => [output.port, output.edges.length])).toEqual([
      ['big', 0],
      ['fallback', 0],
      ['large', 1],
    ]);
  });

  it('reads a node by its name, else its type’s label, else its id', () => {
    expect(nodeLabel(shape, types)).toBe('Shape order');
    expect(nodeLabel(answer, types)).toBe(types.get('respond')!.label);
    expect(nodeLabel(node('odd', 'no-such-type'), types)).toBe('odd');
  });
});

describe('which nodes a port may connect to', () => {
  it('offers every other node except the trigger', () => {
    expect(ids(connectableTargets(flow([hook, shape, answer]), types, 'hook', 'out'))).toEqual(['shape', 'answer']);
    expect(ids(connectableTargets(flow([hook, shape, answer]), types, 'shape', 'out'))).toEqual(['answer']);
  });

  it('leaves out a node this port already leads to, but not one another port leads to', () => {
    const check = node('check', 'if', { test: 'ok' });
    const document = flow([hook, check, shape], [{ id: 'e1', source: 'check', target: 'shape', sourceHandle: 'true' }]);
    expect(ids(connectableTargets(document, types, 'check', 'true'))).toEqual([]);
    expect(ids(connectableTargets(document, types, 'check', 'false'))).toEqual(['shape']);
  });

  it('leaves out nodes that already lead back to the source, which would make a loop', () => {
    const more = node('more', 'transform', { expression: '$' });
    const document = flow([hook, shape, more, answer], [
      { id: 'e1', source: 'hook', target: 'shape' },
      { id: 'e2', source: 'shape', target: 'more' },
    ]);
    expect(leadsTo(document, 'shape', 'more')).toBe(true);
    expect(leadsTo(document, 'more', 'shape')).toBe(false);
    expect(ids(connectableTargets(document, types, 'more', 'out'))).toEqual(['answer']);
    expect(refuseConnection(document, types, 'more', 'shape', 'out')).toMatch(/loop/);
  });
});

describe('connecting and disconnecting', () => {
  it('adds an edge as the canvas does: a single-output node leaves sourceHandle out, other ports name it', () => {
    const check = node('check', 'if', { test: 'ok' });
    const document = flow([hook, check, shape], [{ id: 'e1', source: 'hook', target: 'check' }]);
    const once = connect(document, types, 'check', 'shape', 'false') as FlowDocument;
    expect(once.edges).toEqual([...document.edges, { id: 'e2', source: 'check', target: 'shape', sourceHandle: 'false' }]);
    expect((connect(flow([hook, shape]), types, 'hook', 'shape', 'out') as FlowDocument).edges).toEqual([{ id: 'e1', source: 'hook', target: 'shape' }]);
    expect(document.edges).toHaveLength(1);
  });

  it('refuses a connection with a reason a person can act on, and leaves the document alone', () => {
    const document = flow([hook, shape], [{ id: 'e1', source: 'hook', target: 'shape' }]);
    expect(connect(document, types, 'hook', 'shape', 'out')).toBe('These two nodes are already connected that way.');
    expect(connect(document, types, 'shape', 'hook', 'out')).toMatch(/trigger/);
    expect(connect(document, types, 'shape', 'shape', 'out')).toMatch(/itself/);
    expect(connect(document, types, 'hook', 'gone', 'out')).toBe('That node is no longer in the flow.');
  });

  it('removes exactly the one edge', () => {
    const document = flow([hook, shape, answer], [
      { id: 'e1', source: 'hook', target: 'shape' },
      { id: 'e2', source: 'shape', target: 'answer' },
    ]);
    const after = disconnect(document, 'e1');
    expect(after.edges).toEqual([document.edges[1]]);
    expect(after.nodes).toEqual(document.nodes);
  });
});
