import type { ExecutionNode, ExecutionRecord } from '../api/types';
import { describeResume, modeLabel, resumesAtText } from './execution-notes';
import { formatDuration, formatTime } from './format';
import { NodeDataView } from './NodeDataView';
import { StatusBadge } from './StatusBadge';
import './panels.css';

/**
 * An opened execution: its status (and, while it waits, when it resumes), how it was started, its
 * start, duration and request, each time it was resumed, then its nodes in the order they ran,
 * the failed one marked. Choosing a node shows the data it received and produced.
 *
 * @example
 * <ExecutionDetails record={opened} selectedNodeId={selected} onSelectNode={setSelected} />
 */
export function ExecutionDetails({ record, selectedNodeId, onSelectNode }: {
  /** The full execution, as `GET /api/executions/:id` answers it. */
  record: ExecutionRecord;
  /** The node whose data is shown (the canvas and this list share the selection). */
  selectedNodeId: string | undefined;
  /** Called when a node of the list is chosen. */
  onSelectNode(nodeId: string): void;
}) {
  const steps = [...record.nodes].sort((a, b) => a.startedAt - b.startedAt);
  const failedId = record.error?.nodeId ?? steps.find((step) => step.status === 'failed')?.nodeId;
  const selected = selectedNodeId === undefined ? undefined : lastRunOf(steps, selectedNodeId);
  const resumesAt = resumesAtText(record);
  return (
    <section className="execution-details" aria-label={`Execution ${record.id}`}>
      <dl className="node-data-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={record.status} />
            {resumesAt && <span className="execution-resume"> {resumesAt}</span>}
          </dd>
        </div>
        <div>
          <dt>Started by</dt>
          <dd>{modeLabel(record.mode)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTime(record.startedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(record.durationMs)}</dd>
        </div>
        <div>
          <dt>Request</dt>
          <dd>
            {record.request ? (
              <code>
                {record.request.method} {record.request.path}
              </code>
            ) : (
              'not recorded'
            )}
          </dd>
        </div>
      </dl>
      {record.error && (
        <p className="node-data-error">
          {record.error.nodeId ? `Failed at ${record.error.nodeId}: ` : 'Failed: '}
          {record.error.message}
        </p>
      )}
      {record.resumed && record.resumed.length > 0 && (
        <ul className="execution-notes" aria-label="Resumed">
          {record.resumed.map((note, index) => (
            <li key={index}>
              {describeResume(note)} <span className="panel-hint">({formatTime(note.at)})</span>
            </li>
          ))}
        </ul>
      )}
      {record.truncated && <p className="node-data-skipped">Part of this record was not kept: {record.truncated}</p>}
      <h3 className="panel-subheading" id={`steps-${record.id}`}>
        Steps in the order they ran
      </h3>
      <ol className="execution-steps" aria-labelledby={`steps-${record.id}`}>
        {steps.map((step, index) => {
          const failed = step.status === 'failed' || step.nodeId === failedId;
          return (
            <li key={`${step.nodeId}-${index}`}>
              <button
                type="button"
                className={`execution-step${failed ? ' failed' : ''}${step.nodeId === selectedNodeId ? ' selected' : ''}`}
                aria-pressed={step.nodeId === selectedNodeId}
                onClick={() => onSelectNode(step.nodeId)}
              >
                <StatusBadge status={step.status} />
                <span className="execution-step-name">{step.nodeId}</span>
                <span className="panel-hint">{step.type}</span>
                <span className="panel-hint">{formatDuration(step.durationMs)}</span>
                {failed && <span className="execution-step-stop">The run stopped here</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {selectedNodeId === undefined ? (
        <p className="panel-hint">Choose a step, here or on the canvas, to see the data it received and produced.</p>
      ) : (
        <NodeDataView nodeId={selectedNodeId} {...(selected ? { execution: selected } : {})} />
      )}
    </section>
  );
}

/** A node may run more than once (a loop or a join); its latest run is the one shown. */
function lastRunOf(steps: readonly ExecutionNode[], nodeId: string): ExecutionNode | undefined {
  return steps.findLast((step) => step.nodeId === nodeId);
}
