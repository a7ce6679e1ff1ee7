import type { FlowDocument, FlowEdge, FlowNode } from '../api/types.js';
import { isTrigger, nextEdgeId, nextNodeId, type NodeTypeMap } from './flow-model.js';

/** Copied nodes and the edges between them; kept for the browser tab, so it pastes into any flow. */
export interface ClipboardContent {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

let clipboard: ClipboardContent | undefined;
let pasteCount = 0;

export function copyToClipboard(document: FlowDocument, nodeIds: ReadonlySet<string>): number {
  const nodes = document.nodes.filter((node) => nodeIds.has(node.id));
  if (nodes.length === 0) return 0;
  clipboard = structuredClone({ nodes, edges: document.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)) });
  pasteCount = 0;
  return nodes.length;
}

export interface PasteResult {
  document: FlowDocument;
  pastedIds: string[];
  /** Set when a trigger was left out because the flow has one already. */
  skippedTrigger: boolean;
}

/** Adds the clipboard's nodes under new ids, offset a little more on each paste, with their edges rewired. */
export function pasteFromClipboard(document: FlowDocument, types: NodeTypeMap): PasteResult | undefined {
  if (!clipboard) return undefined;
  pasteCount += 1;
  const offset = 40 * pasteCount;
  const hasTrigger = document.nodes.some((node) => isTrigger(node, types));
  const taken = new Set(document.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const nodes: FlowNode[] = [];
  let skippedTrigger = false;
  for (const node of clipboard.nodes) {
    if (isTrigger(node, types) && (hasTrigger || nodes.some((added) => isTrigger(added, types)))) {
      skippedTrigger = true;
      continue;
    }
    const id = nextNodeId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
    nodes.push({ ...structuredClone(node), id, position: { x: node.position.x + offset, y: node.position.y + offset } });
  }
  const edges = [...document.edges];
  for (const edge of clipboard.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (source && target) edges.push({ ...edge, id: nextEdgeId(edges), source, target });
  }
  return { document: { ...document, nodes: [...document.nodes, ...nodes], edges }, pastedIds: nodes.map((node) => node.id), skippedTrigger };
}
