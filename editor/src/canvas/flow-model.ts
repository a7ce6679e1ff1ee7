import type { FlowDocument, FlowEdge, FlowNode, NodeType } from '../api/types.js';
import { followRulePorts } from './rule-ports.js';
import { objectDefaults } from './schema-defaults.js';

export type NodeTypeMap = ReadonlyMap<string, NodeType>;

/**
 * The output ports of one configured node: a switch's rule names plus `fallback`, else the type's
 * outputs; plus `error` when the node's failures take an error output (`onError: 'errorPort'`).
 */
export function portsOf(node: FlowNode, nodeType: NodeType | undefined): string[] {
  const ports = configuredPorts(node, nodeType);
  return node.settings?.onError === 'errorPort' && !ports.includes('error') ? [...ports, 'error'] : ports;
}

function configuredPorts(node: FlowNode, nodeType: NodeType | undefined): string[] {
  const rules = node.config.rules;
  if (Array.isArray(rules) && nodeType?.configSchema.properties?.rules) {
    const names = rules.map((rule) => (rule as { name?: unknown }).name).filter((name): name is string => typeof name === 'string' && name !== '');
    return [...names, ...(nodeType.outputs ?? [])];
  }
  return nodeType?.outputs.length ? nodeType.outputs : ['out'];
}

/** A fresh id `<type>-<n>` not yet used in `taken`. */
export function nextNodeId(type: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${type}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function nextEdgeId(edges: readonly FlowEdge[]): string {
  const taken = new Set(edges.map((edge) => edge.id));
  for (let n = edges.length + 1; ; n++) if (!taken.has(`e${n}`)) return `e${n}`;
}

/** A new node of `nodeType` at `position`, its config filled with the schema's defaults. */
export function createNode(nodeType: NodeType, position: { x: number; y: number }, document: FlowDocument): FlowNode {
  return {
    id: nextNodeId(nodeType.type, new Set(document.nodes.map((node) => node.id))),
    type: nodeType.type,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    config: objectDefaults(nodeType.configSchema),
  };
}

export function isTrigger(node: FlowNode, types: NodeTypeMap): boolean {
  return types.get(node.type)?.category === 'trigger';
}

/** An edge as flow files store it: single-output nodes leave `sourceHandle` out. */
export function createEdge(document: FlowDocument, source: string, target: string, port: string | null | undefined): FlowEdge {
  const edge: FlowEdge = { id: nextEdgeId(document.edges), source, target };
  return port && port !== 'out' ? { ...edge, sourceHandle: port } : edge;
}

/** Why an edge from `source`'s `port` to `target` may not be drawn, or undefined when it may. */
export function refuseEdge(document: FlowDocument, types: NodeTypeMap, source: string, target: string, port: string): string | undefined {
  if (source === target) return 'A node cannot connect to itself.';
  const targetNode = document.nodes.find((node) => node.id === target);
  if (targetNode && isTrigger(targetNode, types)) return 'A trigger only starts a flow; nothing can lead into it.';
  const duplicate = document.edges.some((edge) => edge.source === source && edge.target === target && (edge.sourceHandle ?? 'out') === port);
  return duplicate ? 'These two nodes are already connected that way.' : undefined;
}

/** The document without `nodeIds` and `edgeIds`, and without the edges that touched removed nodes. */
export function removeElements(document: FlowDocument, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.filter((node) => !nodeIds.has(node.id)),
    edges: document.edges.filter((edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target)),
  };
}

/** The document with node `id` changed; when its change renames or removes switch rules, their edges follow (see followRulePorts). */
export function updateNode(document: FlowDocument, id: string, change: (node: FlowNode) => FlowNode): FlowDocument {
  const before = document.nodes.find((node) => node.id === id);
  if (!before) return document;
  const after = change(before);
  return {
    ...document,
    nodes: document.nodes.map((node) => (node === before ? after : node)),
    edges: followRulePorts(document.edges, before, after),
  };
}

/** Moves nodes to new positions; nodes that did not move keep their object (so their cards do not re-render), and a move of nothing returns `document` itself. */
export function moveNodes(document: FlowDocument, positions: ReadonlyMap<string, { x: number; y: number }>): FlowDocument {
  let moved = false;
  const nodes = document.nodes.map((node) => {
    const position = positions.get(node.id);
    if (!position) return node;
    const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
    if (rounded.x === node.position.x && rounded.y === node.position.y) return node;
    moved = true;
    return { ...node, position: rounded };
  });
  return moved ? { ...document, nodes } : document;
}
