import type { FlowDocument, FlowEdge, FlowNode } from '../api/types.js';
import { createEdge, portsOf, refuseEdge, removeElements, type NodeTypeMap } from './flow-model.js';

/** One output port of a node and the edges that leave from it. */
export interface PortConnections {
  port: string;
  edges: FlowEdge[];
}

/** What people read for a node: its name, else its type's label, else its id. */
export function nodeLabel(node: FlowNode, types: NodeTypeMap): string {
  return node.name || types.get(node.type)?.label || node.id;
}

/**
 * The node's output ports with their edges. Edges from a port the node no longer has (a renamed
 * switch rule) are listed under that port too, so that they can still be disconnected.
 */
export function outputsOf(document: FlowDocument, node: FlowNode, types: NodeTypeMap): PortConnections[] {
  const leaving = document.edges.filter((edge) => edge.source === node.id);
  const ports = [...new Set([...portsOf(node, types.get(node.type)), ...leaving.map((edge) => edge.sourceHandle ?? 'out')])];
  return ports.map((port) => ({ port, edges: leaving.filter((edge) => (edge.sourceHandle ?? 'out') === port) }));
}

/** Whether `from` already leads, through the document's edges, to `to` (so an edge `to` → `from` would close a loop). */
export function leadsTo(document: FlowDocument, from: string, to: string): boolean {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length) {
    const id = pending.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of document.edges) if (edge.source === id) pending.push(edge.target);
  }
  return false;
}

/** Why `source`'s `port` may not connect to `target`: the canvas's refusals, plus loops, which the server refuses on save. */
export function refuseConnection(document: FlowDocument, types: NodeTypeMap, source: string, target: string, port: string): string | undefined {
  const refusal = refuseEdge(document, types, source, target, port);
  if (refusal) return refusal;
  if (!document.nodes.some((node) => node.id === target)) return 'That node is no longer in the flow.';
  return leadsTo(document, target, source) ? 'That connection would make the flow loop back to this node; flows must not loop.' : undefined;
}

/** The other nodes that `source`'s `port` may connect to, in document order. */
export function connectableTargets(document: FlowDocument, types: NodeTypeMap, source: string, port: string): FlowNode[] {
  return document.nodes.filter((node) => !refuseConnection(document, types, source, node.id, port));
}

/**
 * The document with a new edge from `source`'s `port` to `target`, or the reason it may not have one.
 *
 * @example
 * const result = connect(document, types, 'hook', 'transform-1', 'out');
 * if (typeof result === 'string') showError(result); else change(result);
 */
export function connect(document: FlowDocument, types: NodeTypeMap, source: string, target: string, port: string): FlowDocument | string {
  const refusal = refuseConnection(document, types, source, target, port);
  return refusal ?? { ...document, edges: [...document.edges, createEdge(document, source, target, port)] };
}

export function disconnect(document: FlowDocument, edgeId: string): FlowDocument {
  return removeElements(document, new Set(), new Set([edgeId]));
}
