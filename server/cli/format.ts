import type { FlowSummary } from './flow-admin.js';
import type { RunReport } from './run-command.js';

const marks = { succeeded: '✓', failed: '✗', running: '…', waiting: '…' } as const;

/** A per-node trace and the result, as `hookflow run` prints them for people. */
export function formatRunReport(report: RunReport, verbose: boolean): string {
  const { outcome, flow } = report;
  const lines = [`Flow "${flow.name}" (${flow.id}) ${outcome.status} in ${outcome.durationMs.toFixed(1)} ms`, ''];
  const width = Math.max(...outcome.nodes.map((node) => node.nodeId.length));
  for (const node of outcome.nodes) {
    const timing = node.durationMs === undefined ? '' : `${node.durationMs.toFixed(1)} ms`;
    const detail = node.error ? `error: ${node.error}` : node.port ? `→ ${node.port}` : '';
    lines.push(`  ${marks[node.status]} ${node.nodeId.padEnd(width)}  ${node.type.padEnd(12)} ${timing.padStart(9)}  ${detail}`);
    if (verbose) {
      lines.push(`      input:  ${JSON.stringify(node.input)}`);
      if (node.output !== undefined) lines.push(`      output: ${JSON.stringify(node.output)}`);
    }
  }
  lines.push('');
  if (report.response) {
    lines.push(`Response: ${report.response.status}`, JSON.stringify(report.response.body, null, 2) ?? '(no body)');
  } else if (outcome.error) {
    lines.push(`Error: ${outcome.error.message}`);
  } else {
    lines.push('Result:', JSON.stringify(outcome.result, null, 2) ?? '(no result)');
  }
  return `${lines.join('\n')}\n`;
}

/** `hookflow list` and `hookflow import` print flows as an aligned table. */
export function formatFlowTable(flows: FlowSummary[]): string {
  if (flows.length === 0) return 'No flows.\n';
  const rows = flows.map((flow) => [flow.id, flow.active ? 'active' : 'inactive', `v${flow.version}`, flow.webhook?.url ?? '(starts when a watched flow fails)']);
  return formatTable(['ID', 'STATUS', 'VERSION', 'WEBHOOK URL'], rows);
}

/** Rows of cells aligned under a header, two spaces apart, one line each. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return `${[header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n')}\n`;
}
