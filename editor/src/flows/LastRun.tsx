import type { ExecutionStatus, ExecutionSummary } from '../api/types';
import { timeAgo } from './relative-time';

const outcomes: Record<ExecutionStatus, { text: string; tone: 'ok' | 'failed' | 'running' }> = {
  queued: { text: 'Queued', tone: 'running' },
  running: { text: 'Running', tone: 'running' },
  waiting: { text: 'Waiting', tone: 'running' },
  succeeded: { text: 'Succeeded', tone: 'ok' },
  failed: { text: 'Failed', tone: 'failed' },
  timeout: { text: 'Timed out', tone: 'failed' },
};

/** When a flow last ran and how that ended; `null` means never, `undefined` not known (yet). */
export function LastRun({ run, now }: { run: ExecutionSummary | null | undefined; now: Date }) {
  if (run === undefined) return <span className="flows-muted">…</span>;
  if (run === null) return <span className="flows-muted">Never run</span>;
  const outcome = outcomes[run.status];
  const started = new Date(run.startedAt);
  return (
    <span className="flows-last-run">
      <time dateTime={run.startedAt} title={started.toLocaleString()}>
        {timeAgo(started, now)}
      </time>
      <span className={`flows-outcome flows-outcome-${outcome.tone}`}>{outcome.text}</span>
    </span>
  );
}
