import type { FlowDocument, FlowProblem } from '../api/types.js';

/** A server problem tied to the node it is about, and to a config field when it names one. */
export interface CanvasProblem {
  message: string;
  path: string;
  nodeId?: string;
  /** The config field's path inside the node, e.g. `rules[0].condition`. */
  field?: string;
}

const nodePath = /^nodes\[(\d+)\](?:\.config\.?(.*))?/;

/** Resolves each problem's node (by `nodeId`, else by the `nodes[i]` of its path in the document that was sent). */
export function locateProblems(problems: readonly FlowProblem[], sent: FlowDocument): CanvasProblem[] {
  return problems.map((problem) => {
    const match = nodePath.exec(problem.path);
    const nodeId = problem.nodeId ?? (match ? sent.nodes[Number(match[1])]?.id : undefined);
    const field = match?.[2] || undefined;
    return { message: problem.message, path: problem.path, ...(nodeId ? { nodeId } : {}), ...(field ? { field } : {}) };
  });
}

/** Problem messages per node id, for the cards. */
export function problemsByNode(problems: readonly CanvasProblem[]): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem.message]);
  }
  return byNode;
}
