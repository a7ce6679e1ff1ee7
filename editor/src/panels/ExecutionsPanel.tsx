import { useRef, useState } from 'react';
import { api } from '../api/client';
import { rerunExecution, type RerunFrom } from '../api/runs';
import type { ExecutionRecord, ExecutionSummary } from '../api/types';
import { useCanEdit } from '../auth/session-context';
import { modeLabel, resumesAtText } from './execution-notes';
import { formatDuration, formatTime } from './format';
import { StatusBadge } from './StatusBadge';
import { usePolling } from './usePolling';
import './panels.css';

/** How often the list asks for new executions while the tab is visible. */
export const executionsPollMs = 2000;

/**
 * The "Executions" tab: the flow's latest 50 executions, refreshed every 2 s while the browser tab
 * is visible. Choosing one loads its full record and hands it to `onOpen` (the canvas then shows
 * its path, `ExecutionDetails` its steps); "Close" hands over undefined; "Run again" re-runs the
 * opened execution from the start and, for a failed one, "Run again from failed node" from the
 * node that failed; either opens the new execution, and a refusal shows the server's reason.
 * Viewers see neither.
 *
 * @example
 * <ExecutionsPanel flowId={flowId} selectedId={opened?.id} onOpen={setOpened} />
 */
export function ExecutionsPanel({ flowId, selectedId, onOpen }: {
  /** The flow whose executions are listed. */
  flowId: string;
  /** The id of the opened execution, marked in the list. */
  selectedId: string | undefined;
  /** Called with the full record of the execution to open, or undefined to close it. */
  onOpen(record: ExecutionRecord | undefined): void;
}) {
  const canEdit = useCanEdit();
  const [items, setItems] = useState<ExecutionSummary[] | undefined>();
  const [total, setTotal] = useState(0);
  const [listError, setListError] = useState<string | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'opening' | RerunFrom | undefined>();
  /** The status the opened record had, so that a finished run is reloaded once the list sees it finish. */
  const openedStatus = useRef<{ id: string; status: string } | undefined>(undefined);

  const open = async (id: string) => {
    setBusy('opening');
    setActionError(undefined);
    try {
      const record = await api.getExecution(id);
      openedStatus.current = { id, status: record.status };
      onOpen(record);
    } catch (error) {
      setActionError(`The execution could not be opened: ${messageOf(error)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const refresh = usePolling(
    async (signal) => {
      try {
        const page = await api.listExecutions(flowId, 50);
        if (signal.aborted) return;
        setItems(page.items);
        setTotal(page.total);
        setListError(undefined);
        const opened = openedStatus.current;
        const now = opened && opened.id === selectedId ? page.items.find((item) => item.id === opened.id) : undefined;
        if (now && now.status !== opened?.status) await open(now.id);
      } catch (error) {
        if (!signal.aborted) setListError(`The executions could not be loaded: ${messageOf(error)} Retrying…`);
      }
    },
    executionsPollMs,
    [flowId],
  );

  const rerun = async (from: RerunFrom) => {
    if (!selectedId || busy) return;
    setBusy(from);
    setActionError(undefined);
    try {
      const { executionId } = await rerunExecution(selectedId, from);
      refresh();
      await open(executionId);
    } catch (error) {
      setActionError(`The execution could not be run again: ${messageOf(error)}`);
      setBusy(undefined);
    }
  };

  const selectedFailed = items?.find((item) => item.id === selectedId)?.status === 'failed';

  return (
    <section className="executions-panel" aria-label="Executions">
      {selectedId && (
        <div className="panel-actions">
          {canEdit && (
            <button type="button" onClick={() => void rerun('start')} aria-disabled={busy !== undefined}>
              {busy === 'start' ? 'Running again…' : 'Run again'}
            </button>
          )}
          {canEdit && selectedFailed && (
            <button type="button" onClick={() => void rerun('failed-node')} aria-disabled={busy !== undefined}>
              {busy === 'failed-node' ? 'Running again…' : 'Run again from failed node'}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              openedStatus.current = undefined;
              onOpen(undefined);
            }}
          >
            Close
          </button>
        </div>
      )}
      {actionError && <p className="panel-error">{actionError}</p>}
      {listError && <p className="panel-error">{listError}</p>}
      {items === undefined && !listError && <p className="panel-hint">Loading executions…</p>}
      {items?.length === 0 && (
        <p className="panel-empty">
          No executions yet. Call the flow's webhook or test URL (the “Sample & preview” tab has a curl command), and each run shows up here.
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="execution-list" aria-busy={busy === 'opening'}>
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`execution-item${item.id === selectedId ? ' selected' : ''}`}
                aria-current={item.id === selectedId ? 'true' : undefined}
                onClick={() => void open(item.id)}
              >
                <span className="execution-line">
                  <StatusBadge status={item.status} />
                  <span className="execution-time">{formatTime(item.startedAt)}</span>
                </span>
                <span className="execution-line panel-hint">
                  <span>{formatDuration(item.durationMs)}</span>
                  <span>{modeLabel(item.mode)}</span>
                </span>
                {resumesAtText(item) && <span className="execution-resume">{resumesAtText(item)}</span>}
                {item.error && <span className="execution-error">{item.error.nodeId ? `${item.error.nodeId}: ` : ''}{item.error.message}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {items && total > items.length && (
        <p className="panel-hint">
          Showing the latest {items.length} of {total} executions.
        </p>
      )}
    </section>
  );
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
