import type { ExecutionNode, ExecutionStatus } from '../api/types';

export type RunStatus = ExecutionStatus | ExecutionNode['status'];

const labels: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  failed: 'Failed',
  timeout: 'Timed out',
};

const icons: Record<RunStatus, string> = {
  queued: '○',
  running: '◔',
  waiting: '⏸',
  succeeded: '✓',
  failed: '✕',
  timeout: '⌛',
};

/** The words for a run status: the text that carries the status wherever a colour shows it too. */
export const statusLabel = (status: RunStatus): string => labels[status] ?? status;

/** A status as an icon, a word and a colour (`status-<status>` in panels.css). */
export function StatusBadge({ status }: {
  /** The status of an execution, or of a node in an execution or preview. */
  status: RunStatus;
}) {
  return (
    <span className={`status-badge status-${status}`}>
      <span aria-hidden="true">{icons[status] ?? '•'} </span>
      {statusLabel(status)}
    </span>
  );
}
