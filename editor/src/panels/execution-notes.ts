import type { ExecutionSummary, ResumeNote } from '../api/types';
import { formatTime } from './format';

const modeLabels: Record<ExecutionSummary['mode'], string> = { webhook: 'Webhook', test: 'Test', cli: 'Command line', api: 'API', error: 'Error handler' };

/** How an execution was started, in words ("Webhook", "Error handler", …). */
export const modeLabel = (mode: ExecutionSummary['mode']): string => modeLabels[mode] ?? mode;

/** When a waiting execution goes on by itself, e.g. "resumes at 14:05:00"; undefined when it is not waiting on a time. */
export function resumesAtText(execution: Pick<ExecutionSummary, 'status' | 'resumeAt'>, now = new Date()): string | undefined {
  return execution.status === 'waiting' && execution.resumeAt ? `resumes at ${formatTime(execution.resumeAt, now)}` : undefined;
}

/**
 * One time an execution was picked up again, in words.
 *
 * @example
 * describeResume({ at, reason: 'restart', from: 'snapshot' }) // 'Resumed after a restart from the saved state'
 */
export function describeResume(note: ResumeNote): string {
  const why = { restart: 'Resumed after a restart', wait: 'Resumed when its wait ended', rerun: 'Run again' }[note.reason] ?? 'Resumed';
  const from = { snapshot: 'from the saved state', node: `from node ${note.nodeId ?? '(unknown)'}`, start: 'from the start' }[note.from] ?? '';
  return `${why} ${from}`.trimEnd();
}
