import type { FlowEdge, FlowNode } from '../api/types.js';

/** The rule names of a node whose config holds `rules` (a switch: each name is an output port), else undefined. */
function ruleNames(node: FlowNode): string[] | undefined {
  const rules = node.config.rules;
  if (!Array.isArray(rules)) return undefined;
  return rules.map((rule) => {
    const name = (rule as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : '';
  });
}

const portOf = (edge: FlowEdge) => edge.sourceHandle ?? 'out';

/** The edge leaving from `port` instead; `out` is stored as no sourceHandle, as createEdge does. */
function fromPort(edge: FlowEdge, port: string): FlowEdge {
  const { sourceHandle: _old, ...rest } = edge;
  return port === 'out' ? rest : { ...rest, sourceHandle: port };
}

/**
 * The edges once `before` became `after`: a renamed rule's edges leave from its new name, a removed
 * rule's edges are gone. Reordered rules keep their names and so their edges. While a name is empty
 * or the same as another rule's, its edges stay on the old name (the canvas lists them there, to be
 * disconnected or reconnected). Returns `edges` itself when nothing changes.
 */
export function followRulePorts(edges: FlowEdge[], before: FlowNode, after: FlowNode): FlowEdge[] {
  const old = ruleNames(before);
  const next = ruleNames(after);
  if (!old || !next) return edges;
  const renamed = new Map<string, string>();
  const removed = new Set<string>();
  if (next.length === old.length) {
    old.forEach((name, index) => {
      const to = next[index]!;
      const unique = next.indexOf(to) === next.lastIndexOf(to);
      if (name && to && name !== to && unique && !next.includes(name)) renamed.set(name, to);
    });
  } else if (next.length < old.length) {
    for (const name of old) if (name && !next.includes(name)) removed.add(name);
  }
  if (renamed.size === 0 && removed.size === 0) return edges;
  return edges
    .filter((edge) => edge.source !== after.id || !removed.has(portOf(edge)))
    .map((edge) => {
      const to = edge.source === after.id ? renamed.get(portOf(edge)) : undefined;
      return to === undefined ? edge : fromPort(edge, to);
    });
}
