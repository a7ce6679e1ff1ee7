import type { PreviewProblem, PreviewResult } from '../api/runs';
import { JsonTree } from './JsonTree';
import { StatusBadge } from './StatusBadge';
import './panels.css';

/**
 * What the live preview says about the whole draft: running, why it cannot run (the flow's
 * problems), or how it ended, with the response a caller would get and the failed node's error.
 * Takes `usePreview`'s answer as it is.
 *
 * @example
 * const preview = usePreview(draft, sample);
 * <PreviewSummary {...preview} onSelectNode={selectOnCanvas} />
 */
export function PreviewSummary({ preview, problems, running, error, onSelectNode }: {
  /** The last preview of the draft. */
  preview: PreviewResult | undefined;
  /** Why the draft cannot run. */
  problems: PreviewProblem[];
  /** A preview is on its way. */
  running: boolean;
  /** Why the preview could not be made. */
  error: string | undefined;
  /** Called when a node named in a problem or error is chosen, to select it on the canvas. */
  onSelectNode(nodeId: string): void;
}) {
  const nodeButton = (nodeId: string) => (
    <button type="button" className="link-button" onClick={() => onSelectNode(nodeId)}>
      {nodeId}
    </button>
  );
  return (
    <section className="preview-summary" aria-label="Preview" aria-busy={running}>
      <p className="preview-state">
        {running ? 'Previewing the draft…' : preview ? 'Preview of the draft on the sample:' : problems.length > 0 ? 'The draft cannot run yet:' : 'The preview runs as you edit.'}{' '}
        {!running && preview && <StatusBadge status={preview.status} />}
      </p>
      {error && <p className="panel-error">{error}</p>}
      {problems.length > 0 && (
        <ul className="preview-problems">
          {problems.map((problem, index) => (
            <li key={`${problem.path}-${index}`}>
              {problem.nodeId && <>{nodeButton(problem.nodeId)}: </>}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      {preview?.error && (
        <p className="node-data-error">
          {preview.error.nodeId && <>{nodeButton(preview.error.nodeId)}: </>}
          {preview.error.message}
        </p>
      )}
      {preview?.response && (
        <details className="node-data-section">
          <summary>Response to the caller: {preview.response.status}</summary>
          <JsonTree value={preview.response.body} label="Response body" />
        </details>
      )}
      {preview && !preview.response && preview.result !== undefined && (
        <details className="node-data-section">
          <summary>Result</summary>
          <JsonTree value={preview.result} label="Result of the flow" />
        </details>
      )}
      {preview && <p className="panel-hint">Choose a node on the canvas to see the data it received and produced.</p>}
    </section>
  );
}
