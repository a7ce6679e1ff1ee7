import { Handle, Position, useUpdateNodeInternals, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect } from 'react';
import type { FlowNode, NodeType } from '../api/types';
import { CategoryIcon, categoryLabels } from './CategoryIcon';
import { portsOf } from './flow-model';
import type { PreviewLine } from './node-preview';
import { NodePreviewLine } from './NodePreviewLine';
import { summariseNode } from './node-summary';

/** How the opened execution went through a node. */
export type RunMark = 'ran' | 'failed';

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  nodeType: NodeType | undefined;
  /** The server's problems with this node from the last save or activation. */
  problems: string[] | undefined;
  run: RunMark | undefined;
  /** What the live preview did at this node; undefined without a preview or while an execution is opened. */
  preview: PreviewLine | undefined;
}

export type CanvasNode = Node<FlowNodeData, 'flow'>;

/** A node on the canvas: category colour and icon, name, config summary, input handle and one labelled handle per port. */
function FlowNodeCardView({ id, data, selected }: NodeProps<CanvasNode>) {
  const { node, nodeType, problems, run, preview } = data;
  const category = nodeType?.category ?? 'action';
  const name = node.name || nodeType?.label || node.type;
  const summary = summariseNode(node, nodeType);
  const ports = portsOf(node, nodeType);
  const portKey = ports.join('\n');
  const updateNodeInternals = useUpdateNodeInternals();
  // React Flow measures handles when a node's size changes; a renamed port keeps the size, so ask it to look again.
  useEffect(() => updateNodeInternals(id), [id, portKey, updateNodeInternals]);
  const invalid = Boolean(problems?.length);
  return (
    <div
      className={`flow-node category-${category}${selected ? ' is-selected' : ''}${invalid ? ' is-invalid' : ''}${run ? ` run-${run}` : ''}`}
      data-node-id={node.id}
      aria-invalid={invalid || undefined}
      title={invalid ? problems!.join('\n') : undefined}
    >
      {category !== 'trigger' && <Handle type="target" position={Position.Left} className="flow-handle target-handle" aria-label={`Input of ${name}`} />}
      <div className="flow-node-header">
        <CategoryIcon category={category} />
        <span className="flow-node-kind">{nodeType ? `${categoryLabels[category]} · ${nodeType.label}` : `Unknown type ${node.type}`}</span>
      </div>
      <div className="flow-node-name">{name}</div>
      {run && <span className="visually-hidden">{run === 'failed' ? 'Failed in the opened execution.' : 'Ran in the opened execution.'}</span>}
      {summary && <div className="flow-node-summary">{summary}</div>}
      {preview && <NodePreviewLine line={preview} />}
      {invalid && (
        <div className="flow-node-problem" role="note">
          {problems!.length === 1 ? problems![0] : `${problems!.length} problems: ${problems![0]}`}
        </div>
      )}
      <ul className="flow-node-ports" aria-label="Outputs">
        {ports.map((port) => (
          <li key={port} className="flow-node-port">
            <span>{port}</span>
            <Handle type="source" position={Position.Right} id={port} className="flow-handle source-handle" aria-label={`Output ${port} of ${name}`} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export const FlowNodeCard = memo(FlowNodeCardView);

export const canvasNodeTypes = { flow: FlowNodeCard };
