/** What the path needs of a run node: an execution's or a preview's. */
export interface RanNode {
  nodeId: string;
  status: string;
  port?: string;
}

/** What the path needs of an edge: React Flow's and the flow file's words. */
export interface PathEdge {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

/** The nodes and edges one run went through, for the canvas to highlight. */
export interface ExecutionPath {
  /** Ids of the nodes that ran (or started to run). */
  visited: Set<string>;
  /** The id of the node that failed, when one did. */
  failed?: string;
  /** Whether the run went along `edge`: both ends ran and the source fired the edge's port. */
  tookEdge(edge: PathEdge): boolean;
}

/**
 * The path a run (an execution or a preview) took through its flow, from the nodes it recorded.
 *
 * @example
 * const path = pathOfExecution(record.nodes);
 * const edgeClass = path.tookEdge(edge) ? 'taken' : undefined;
 */
export function pathOfExecution(nodes: readonly RanNode[]): ExecutionPath {
  const visited = new Set<string>();
  const ports = new Map<string, Set<string>>();
  let failed: string | undefined;
  for (const node of nodes) {
    visited.add(node.nodeId);
    if (node.status === 'failed') failed ??= node.nodeId;
    if (node.status !== 'succeeded') continue;
    const fired = ports.get(node.nodeId) ?? new Set<string>();
    fired.add(node.port ?? 'out');
    ports.set(node.nodeId, fired);
  }
  return {
    visited,
    ...(failed === undefined ? {} : { failed }),
    tookEdge: (edge) => visited.has(edge.target) && (ports.get(edge.source)?.has(edge.sourceHandle ?? 'out') ?? false),
  };
}
