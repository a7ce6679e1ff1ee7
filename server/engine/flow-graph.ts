import { edgePort, type FlowFile } from './flow-schema.js';

/** Adjacency of a flow: for each node, its targets grouped by output port (edge order kept). */
export class FlowGraph {
  private readonly out = new Map<string, Map<string, string[]>>();
  private readonly reachCache = new Map<string, Set<string>>();

  constructor(flow: FlowFile) {
    for (const edge of flow.edges) {
      const ports = this.out.get(edge.source) ?? new Map<string, string[]>();
      const port = edgePort(edge);
      ports.set(port, [...(ports.get(port) ?? []), edge.target]);
      this.out.set(edge.source, ports);
    }
  }

  /** Ports of a node that have at least one edge, with their targets. */
  targets(nodeId: string): Map<string, string[]> {
    return this.out.get(nodeId) ?? new Map();
  }

  /** Every node reachable from `nodeId`, itself included. */
  reach(nodeId: string): Set<string> {
    const cached = this.reachCache.get(nodeId);
    if (cached) return cached;
    const seen = new Set<string>([nodeId]);
    for (const targets of this.targets(nodeId).values()) {
      for (const target of targets) for (const id of this.reach(target)) seen.add(id);
    }
    this.reachCache.set(nodeId, seen);
    return seen;
  }

  /**
   * Where parallel branches starting at `starts` meet: the earliest node that every branch can
   * reach (null when they never meet, or when several earliest candidates make it ambiguous).
   */
  meetingPoint(starts: readonly string[], within: ReadonlySet<string>): string | null {
    const common = [...within].filter((id) => starts.every((start) => this.reach(start).has(id)));
    const earliest = common.filter((id) => !common.some((other) => other !== id && this.reach(other).has(id)));
    return earliest.length === 1 ? earliest[0]! : null;
  }
}
