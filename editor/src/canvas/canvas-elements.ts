import type { Edge } from '@xyflow/react';
import type { PreviewNode } from '../api/runs';
import type { FlowDocument } from '../api/types';
import type { ExecutionPath } from '../panels/path-of-execution';
import type { CanvasNode, RunMark } from './FlowNodeCard';
import type { NodeTypeMap } from './flow-model';
import { previewLineOf, samePreviewLine, type PreviewLine } from './node-preview';

/**
 * React Flow's nodes for the document, reusing a previous node object whenever its flow node,
 * type, problems, run mark and preview line are unchanged, so that memoised cards do not re-render.
 * `preview` holds the live preview's node entries by id; a node without one was not reached. The
 * opened execution's path wins over the preview: while `run` is given no card shows a preview line.
 */
export function syncNodes(
  previous: readonly CanvasNode[],
  document: FlowDocument,
  types: NodeTypeMap,
  problems: ReadonlyMap<string, string[]>,
  run: ExecutionPath | undefined,
  preview?: ReadonlyMap<string, PreviewNode>,
): CanvasNode[] {
  const byId = new Map(previous.map((node) => [node.id, node]));
  return document.nodes.map((node) => {
    const old = byId.get(node.id);
    const nodeType = types.get(node.type);
    const nodeProblems = problems.get(node.id);
    const runMark = runMarkOf(run, node.id);
    const fresh = preview && !run ? previewLineOf(preview.get(node.id)) : undefined;
    const previewLine: PreviewLine | undefined = samePreviewLine(old?.data.preview, fresh) ? old?.data.preview : fresh;
    const unchanged = old?.data.node === node && old.data.nodeType === nodeType && old.data.problems === nodeProblems && old.data.run === runMark;
    if (old && unchanged && old.data.preview === previewLine) return old;
    return {
      ...old,
      id: node.id,
      type: 'flow',
      position: node.position,
      data: { node, nodeType, problems: nodeProblems, run: runMark, preview: previewLine },
      ariaLabel: `${node.name || nodeType?.label || node.type}${nodeProblems ? ' (has problems)' : ''}`,
      selected: old?.selected ?? false,
    };
  });
}

function runMarkOf(run: ExecutionPath | undefined, nodeId: string): RunMark | undefined {
  if (run?.failed === nodeId) return 'failed';
  return run?.visited.has(nodeId) ? 'ran' : undefined;
}

/** React Flow's edges for the document; an edge without `sourceHandle` leaves from port `out`. Edges an opened run took are marked. */
export function syncEdges(previous: readonly Edge[], document: FlowDocument, run: ExecutionPath | undefined): Edge[] {
  const selected = new Set(previous.filter((edge) => edge.selected).map((edge) => edge.id));
  return document.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? 'out',
    selected: selected.has(edge.id),
    ...(run?.tookEdge(edge) ? { className: 'run-taken', animated: true } : {}),
    ariaLabel: `Connection from ${edge.source}${edge.sourceHandle ? ` (${edge.sourceHandle})` : ''} to ${edge.target}`,
  }));
}
