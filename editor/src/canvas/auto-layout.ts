import dagre from '@dagrejs/dagre';
import type { FlowDocument } from '../api/types.js';
import { moveNodes } from './flow-model.js';

export interface NodeSize {
  width: number;
  height: number;
}

const defaultSize: NodeSize = { width: 220, height: 80 };

/** Lays the flow out left to right with dagre; `sizes` are the cards' measured sizes. */
export function layoutFlow(document: FlowDocument, sizes: ReadonlyMap<string, NodeSize>): FlowDocument {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of document.nodes) graph.setNode(node.id, { ...(sizes.get(node.id) ?? defaultSize) });
  for (const edge of document.edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of document.nodes) {
    const { x, y, width, height } = graph.node(node.id);
    positions.set(node.id, { x: x - width / 2, y: y - height / 2 });
  }
  return moveNodes(document, positions);
}
