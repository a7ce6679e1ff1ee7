import type { ExecutionNode } from '../api/types';
import type { PreviewNode } from '../api/runs';
import { formatDuration } from './format';
import { JsonTree } from './JsonTree';
import { StatusBadge } from './StatusBadge';
import './panels.css';

/**
 * The data one node received and produced in a run: status, the port it fired, duration, its error
 * in red or why the preview did not run it in amber, then Input and Output as folding JSON trees.
 * Give it the node of an execution or of a preview (the execution wins when both are given).
 */
export function NodeDataView({ nodeId, preview, execution }: {
  /** The id of the node shown. */
  nodeId: string;
  /** The node in the current preview, if it is part of it. */
  preview?: PreviewNode;
  /** The node in an opened execution, if it ran there. */
  execution?: ExecutionNode;
}) {
  const node = execution ?? preview;
  if (!node) {
    return (
      <section className="node-data" aria-label={`Data of ${nodeId}`}>
        <p className="panel-hint">
          <strong>{nodeId}</strong> did not run. Its data shows here once a run reaches it.
        </p>
      </section>
    );
  }
  const skipped = 'skipped' in node ? node.skipped : undefined;
  return (
    <section className="node-data" aria-label={`Data of ${nodeId}`}>
      <dl className="node-data-facts">
        <div>
          <dt>Node</dt>
          <dd>{nodeId}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={node.status} />
          </dd>
        </div>
        {node.port !== undefined && (
          <div>
            <dt>Port taken</dt>
            <dd>{node.port}</dd>
          </div>
        )}
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(node.durationMs)}</dd>
        </div>
      </dl>
      {node.error !== undefined && (
        <p className="node-data-error">
          Error: {node.error}
        </p>
      )}
      {skipped !== undefined && <p className="node-data-skipped">Not run in preview: {skipped}</p>}
      <details className="node-data-section" open>
        <summary>Input</summary>
        <JsonTree value={node.input} label={`Input of ${nodeId}`} />
      </details>
      {(node.status === 'succeeded' || node.output !== undefined) && (
        <details className="node-data-section" open>
          <summary>Output</summary>
          <JsonTree value={node.output} label={`Output of ${nodeId}`} />
        </details>
      )}
    </section>
  );
}
