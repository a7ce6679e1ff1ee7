import { describe, expect, it } from 'vitest';
import { describeNodes } from '../../nodes/describe-nodes.js';
import { builtInNodes } from '../../nodes/registry.js';
import type { FlowDocument, FlowNode, NodeType } from '../../editor/src/api/types.js';
import { layoutFlow } from '../../editor/src/canvas/auto-layout.js';
import { copyToClipboard, pasteFromClipboard } from '../../editor/src/canvas/clipboard.js';
import { createEdge, createNode, moveNodes, portsOf, refuseEdge, removeElements, updateNode } from '../../editor/src/canvas/flow-model.js';
import { historyReducer, startHistory } from '../../editor/src/canvas/history.js';
import { summariseNode } from '../../editor/src/canvas/node-summary.js';
import { locateProblems } from '../../editor/src/canvas/problems.js';

const catalog = describeNodes(builtInNodes) as unknown as NodeType[];
const types = new Map(catalog.map((type) => [type.type, type]));
const typeOf = (type: string) => types.get(type)!;

const node = (id: string, type: string, config: Record<string, unknown> = {}): FlowNode => ({ id, type, position: { x: 0, y: 0 }, config });
const flow = (nodes: FlowNode[], edges: FlowDocument['edges'] = []): FlowDocument => ({ schemaVersion: 1, id: 'f', name: 'F', active: false, nodes, edges });

describe('new nodes and edges', () => {
  it('fills a new node with its schema defaults and an unused <type>-<n> id', () => {
    const document = flow([node('respond-1', 'respond')]);
    expect(createNode(typeOf('respond'), { x: 10.4, y: 20.6 }, document)).toEqual({
      id: 'respond-2',
      type: 'respond',
      position: { x: 10, y: 21 },
      config: { status: 200, headers: [], body: '$' },
    });
    expect(createNode(typeOf('transform'), { x: 0, y: 0 }, document).config).toEqual({ expression: '' });
    expect(createNode(typeOf('switch'), { x: 0, y: 0 }, document).config).toEqual({ rules: [{ name: '', condition: '' }] });
    // The guards' defaults (no check, de-duplication off) are filled in too; optional guards stay out.
    expect(createNode(typeOf('webhook'), { x: 0, y: 0 }, document).config).toEqual({
      methods: ['POST'],
      respond: 'lastNode',
      responseTimeoutMs: 30000,
      onTimeout: 'accept',
      auth: { type: 'none' },
      dedupe: { enabled: false, windowSeconds: 86400 },
    });
  });

  it('gives each node its ports: a switch its rule names and fallback, an if true/false', () => {
    expect(portsOf(node('s', 'switch', { rules: [{ name: 'eu' }, { name: 'us' }] }), typeOf('switch'))).toEqual(['eu', 'us', 'fallback']);
    expect(portsOf(node('i', 'if'), typeOf('if'))).toEqual(['true', 'false']);
    expect(portsOf(node('h', 'http-request'), typeOf('http-request'))).toEqual(['success', 'error']);
    expect(portsOf(node('t', 'transform'), typeOf('transform'))).toEqual(['out']);
  });

  it('stores edges as flow files do: no sourceHandle for `out`, the port name otherwise', () => {
    const document = flow([node('a', 'if'), node('b', 'transform')], [{ id: 'e1', source: 'a', target: 'b', sourceHandle: 'true' }]);
    expect(createEdge(document, 'b', 'a', 'out')).toEqual({ id: 'e2', source: 'b', target: 'a' });
    expect(createEdge(document, 'a', 'b', 'false')).toEqual({ id: 'e2', source: 'a', target: 'b', sourceHandle: 'false' });
  });

  it('refuses edges into a trigger, to the node itself, and duplicates', () => {
    const document = flow([node('hook', 'webhook'), node('a', 'if'), node('b', 'transform')], [{ id: 'e1', source: 'a', target: 'b', sourceHandle: 'true' }]);
    expect(refuseEdge(document, types, 'b', 'hook', 'out')).toMatch(/trigger/);
    expect(refuseEdge(document, types, 'b', 'b', 'out')).toMatch(/itself/);
    expect(refuseEdge(document, types, 'a', 'b', 'true')).toMatch(/already connected/);
    expect(refuseEdge(document, types, 'a', 'b', 'false')).toBeUndefined();
  });

  it('removes nodes with the edges that touched them, and keeps unmoved nodes as they were', () => {
    const document = flow([node('a', 'transform'), node('b', 'transform'), node('c', 'transform')], [
      { id: 'e1', source: 'a', target: 'b' },
      { id: 'e2', source: 'b', target: 'c' },
    ]);
    expect(removeElements(document, new Set(['c']), new Set()).edges.map((edge) => edge.id)).toEqual(['e1']);
    const moved = moveNodes(document, new Map([['b', { x: 5, y: 6 }], ['c', { x: 0, y: 0 }]]));
    expect(moved.nodes[1]!.position).toEqual({ x: 5, y: 6 });
    expect(moved.nodes[0]).toBe(document.nodes[0]);
    expect(moved.nodes[2]).toBe(document.nodes[2]);
  });
});

describe('copy and paste', () => {
  it('pastes copies under new ids, offset, with the edges between copied nodes only, and leaves a second trigger out', () => {
    const document = flow([node('hook', 'webhook'), node('transform-1', 'transform', { expression: '$' }), node('respond-1', 'respond')], [
      { id: 'e1', source: 'hook', target: 'transform-1' },
      { id: 'e2', source: 'transform-1', target: 'respond-1' },
    ]);
    expect(copyToClipboard(document, new Set(['hook', 'transform-1', 'respond-1']))).toBe(3);
    const pasted = pasteFromClipboard(document, types)!;
    expect(pasted.skippedTrigger).toBe(true);
    expect(pasted.pastedIds).toEqual(['transform-2', 'respond-2']);
    expect(pasted.document.nodes.at(-2)).toMatchObject({ id: 'transform-2', config: { expression: '$' }, position: { x: 40, y: 40 } });
    expect(pasted.document.edges.slice(2)).toEqual([{ id: 'e3', source: 'transform-2', target: 'respond-2' }]);
    expect(pasteFromClipboard(pasted.document, types)!.document.nodes.at(-1)).toMatchObject({ id: 'respond-3', position: { x: 80, y: 80 } });
  });
});

describe('undo history', () => {
  const a = flow([]);
  const b = flow([node('x', 'transform')]);
  const c = flow([node('y', 'transform')]);

  it('undoes and redoes snapshots; a new change drops the redo steps', () => {
    let history = startHistory(a);
    history = historyReducer(history, { kind: 'commit', document: b, at: 1 });
    history = historyReducer(history, { kind: 'undo' });
    expect(history.present).toBe(a);
    history = historyReducer(history, { kind: 'redo' });
    expect(history.present).toBe(b);
    history = historyReducer(history, { kind: 'undo' });
    history = historyReducer(history, { kind: 'commit', document: c, at: 2 });
    expect(history.future).toEqual([]);
    expect(history.past).toEqual([a]);
  });

  it('makes one step of quick changes to the same field', () => {
    let history = startHistory(a);
    history = historyReducer(history, { kind: 'commit', document: b, key: 'config:x', at: 1000 });
    history = historyReducer(history, { kind: 'commit', document: c, key: 'config:x', at: 1500 });
    expect(history.past).toEqual([a]);
    history = historyReducer(history, { kind: 'commit', document: b, key: 'config:x', at: 5000 });
    expect(history.past).toEqual([a, c]);
  });
});

describe('node summaries', () => {
  it('shows the expression, the method and URL, or the count of rules', () => {
    expect(summariseNode(node('t', 'transform', { expression: '{ "total": $sum(body.items.(price * quantity)) }' }), typeOf('transform'))).toBe(
      '{ "total": $sum(body.items.(price * quan…',
    );
    expect(summariseNode(node('h', 'http-request', { method: 'POST', url: 'https://crm.example.com/x' }), typeOf('http-request'))).toBe('POST https://crm.example.com/x');
    expect(summariseNode(node('s', 'switch', { rules: [{}, {}, {}] }), typeOf('switch'))).toBe('3 rules');
    expect(summariseNode(node('w', 'webhook', { methods: ['POST', 'PUT'] }), typeOf('webhook'))).toBe('POST, PUT');
  });
});

describe('problems', () => {
  it('ties a problem to its node by nodeId or by the node index of its path, and to the config field', () => {
    const sent = flow([node('hook', 'webhook'), node('t', 'transform')]);
    expect(locateProblems([{ path: 'nodes[1].config.rules[0].condition', message: 'bad' }, { path: 'edges', nodeId: 'hook', message: 'loop' }, { path: 'name', message: 'Give the flow a name.' }], sent)).toEqual([
      { path: 'nodes[1].config.rules[0].condition', nodeId: 't', field: 'rules[0].condition', message: 'bad' },
      { path: 'edges', nodeId: 'hook', message: 'loop' },
      { path: 'name', message: 'Give the flow a name.' },
    ]);
  });
});

describe('auto-layout', () => {
  it('places each node to the right of the node before it', () => {
    const document = flow([node('a', 'webhook'), node('b', 'transform'), node('c', 'respond')], [
      { id: 'e1', source: 'a', target: 'b' },
      { id: 'e2', source: 'b', target: 'c' },
    ]);
    const [a, b, c] = layoutFlow(document, new Map()).nodes;
    expect(a!.position.x).toBeLessThan(b!.position.x);
    expect(b!.position.x).toBeLessThan(c!.position.x);
    expect(a!.position.y).toBe(c!.position.y);
  });
});

describe('switch rules and their edges', () => {
  const rules = (...names: string[]) => ({ rules: names.map((name) => ({ name, condition: 'true' })) });
  const routed = () =>
    flow([node('s', 'switch', rules('eu', 'us')), node('a', 'transform'), node('b', 'transform'), node('c', 'transform')], [
      { id: 'e1', source: 's', target: 'a', sourceHandle: 'eu' },
      { id: 'e2', source: 's', target: 'b', sourceHandle: 'us' },
      { id: 'e3', source: 's', target: 'c', sourceHandle: 'fallback' },
    ]);
  const withRules = (document: FlowDocument, ...names: string[]) => updateNode(document, 's', (old) => ({ ...old, config: rules(...names) }));
  const handles = (document: FlowDocument) => document.edges.map((edge) => `${edge.id}:${edge.sourceHandle ?? 'out'}`);

  it('moves the edges of a renamed rule to its new port name, leaving the others alone', () => {
    const document = routed();
    const renamed = withRules(document, 'europe', 'us');
    expect(handles(renamed)).toEqual(['e1:europe', 'e2:us', 'e3:fallback']);
    expect(renamed.edges[1]).toBe(document.edges[1]);
    expect(handles(withRules(renamed, 'eur', 'us'))).toEqual(['e1:eur', 'e2:us', 'e3:fallback']);
  });

  it('keeps edges by name when rules are reordered, and deletes the edges of a removed rule', () => {
    expect(handles(withRules(routed(), 'us', 'eu'))).toEqual(['e1:eu', 'e2:us', 'e3:fallback']);
    expect(handles(withRules(routed(), 'us'))).toEqual(['e2:us', 'e3:fallback']);
    expect(handles(withRules(routed(), 'eu', 'us', ''))).toEqual(['e1:eu', 'e2:us', 'e3:fallback']);
  });

  it('leaves edges on the old name while the new name is empty or taken by another rule', () => {
    expect(handles(withRules(routed(), '', 'us'))).toEqual(['e1:eu', 'e2:us', 'e3:fallback']);
    expect(handles(withRules(routed(), 'us', 'us'))).toEqual(['e1:eu', 'e2:us', 'e3:fallback']);
  });

  it('stores a rule renamed to `out` without a sourceHandle, and changes no edges for other nodes', () => {
    expect(withRules(routed(), 'out', 'us').edges[0]).toEqual({ id: 'e1', source: 's', target: 'a' });
    const document = routed();
    expect(updateNode(document, 'a', (old) => ({ ...old, name: 'A' })).edges).toBe(document.edges);
  });
});
