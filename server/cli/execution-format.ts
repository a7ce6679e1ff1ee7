import type { ExecutionRecord, ExecutionSummary, ResumeNote } from '../store/types.js';
import { formatTable as table } from './format.js';

const marks: Record<string, string> = { succeeded: '✓', failed: '✗', running: '…', waiting: '…' };

const duration = (ms: number | undefined) => (ms === undefined ? '' : `${ms.toFixed(1)} ms`);

/** What a waiting execution's listing says about when it goes on. */
const statusText = (execution: Pick<ExecutionSummary, 'status' | 'resumeAt'>) =>
  execution.status === 'waiting' && execution.resumeAt ? `waiting until ${execution.resumeAt}` : execution.status;

/** `hookflow executions list`: newest first, one line each. */
export function formatExecutionTable(items: ExecutionSummary[], total: number): string {
  if (items.length === 0) return 'No executions.\n';
  const rows = items.map((item) => [item.id, item.flowId, `v${item.flowVersion}`, item.mode, statusText(item), item.startedAt, duration(item.durationMs)]);
  const more = total > items.length ? `(${items.length} of ${total}; use --limit to see more)\n` : '';
  return table(['ID', 'FLOW', 'VERSION', 'MODE', 'STATUS', 'STARTED', 'DURATION'], rows) + more;
}

/** One line about a time an execution was picked up again. */
export function describeResume(note: ResumeNote): string {
  const why = { restart: 'resumed after a restart', wait: 'resumed when its wait ended', rerun: 'run again' }[note.reason] ?? 'resumed';
  const from = { snapshot: 'from the saved state', node: `from node "${note.nodeId ?? '?'}"`, start: 'from the start' }[note.from] ?? '';
  return `${note.at}  ${why} ${from}`.trimEnd();
}

/** `hookflow executions show`: the execution, why it stopped or waits, and a per-node table. */
export function formatExecution(record: ExecutionRecord): string {
  const lines = [
    `Execution ${record.id} of flow "${record.flowId}" (v${record.flowVersion}), mode ${record.mode}`,
    `Status:   ${record.status}`,
    `Started:  ${record.startedAt}${record.durationMs === undefined ? '' : `, took ${duration(record.durationMs)}`}`,
  ];
  if (record.status === 'waiting' && record.resumeAt) lines.push(`Resumes:  ${record.resumeAt}`);
  for (const note of record.resumed ?? []) lines.push(`Resumed:  ${describeResume(note)}`);
  if (record.error) lines.push(`Error:    ${record.error.nodeId ? `node "${record.error.nodeId}": ` : ''}${record.error.message} (${record.error.code})`);
  if (record.truncated) lines.push(`Note:     ${record.truncated}`);
  if (record.nodes.length > 0) {
    const rows = record.nodes.map((node) => [marks[node.status] ?? ' ', node.nodeId, node.type, node.status, duration(node.durationMs), node.error ?? (node.port ? `→ ${node.port}` : '')]);
    lines.push('', table(['', 'NODE', 'TYPE', 'STATUS', 'DURATION', 'DETAIL'], rows).trimEnd());
  }
  if (record.result !== undefined) lines.push('', 'Result:', JSON.stringify(record.result, null, 2));
  return `${lines.join('\n')}\n`;
}
