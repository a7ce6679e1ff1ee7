/** How long a card's preview detail may be before it is cut with "…". */
export const previewTextLength = 40;

/** What a card's line needs of a node in the preview (a `PreviewNode` of api/runs.ts). */
export interface PreviewEntry {
  status: string;
  output?: unknown;
  port?: string;
  error?: string;
  /** Why the preview did not reach the outside world from this node (no request or e-mail sent). */
  skipped?: string;
}

/** What the live preview did at one node: the words of a card's preview line. */
export interface PreviewLine {
  state: 'ran' | 'failed' | 'skipped' | 'unfinished' | 'not-reached';
  /** The icon before the status word; decorative, the status word carries the meaning. */
  icon: string;
  status: string;
  /** The output (`→ …`), the port taken, or the error, on one line of at most ~40 characters. */
  detail: string;
  /** The whole line in words for screen readers, e.g. "Preview: ran, output { total: 13 }". */
  label: string;
}

const words: Record<PreviewLine['state'], { icon: string; status: string }> = {
  ran: { icon: '✓', status: 'ran' },
  failed: { icon: '✕', status: 'failed' },
  skipped: { icon: '⏭', status: 'not sent in preview' },
  unfinished: { icon: '◔', status: 'did not finish' },
  'not-reached': { icon: '○', status: 'not reached' },
};

/**
 * A card's preview line for the node's entry in the preview, or "not reached" when the preview has
 * none. A node that took a named port (an if's `true`, a switch's rule) shows the port, others their output.
 *
 * @example
 * previewLineOf({ status: 'succeeded', output: { total: 13 } }).detail; // '→ { total: 13 }'
 */
export function previewLineOf(entry: PreviewEntry | undefined): PreviewLine {
  if (!entry) return line('not-reached', '', '');
  if (entry.status === 'failed') {
    const error = oneLine(entry.error ?? 'The node failed.');
    return line('failed', cut(error), `error ${error}`);
  }
  const state = entry.skipped ? 'skipped' : entry.status === 'succeeded' ? 'ran' : 'unfinished';
  if (entry.port !== undefined && entry.port !== 'out') return line(state, `→ ${entry.port}`, `took port ${entry.port}`);
  if (entry.output === undefined) return line(state, '', '');
  const output = compactValue(entry.output);
  return line(state, `→ ${cut(output)}`, `output ${output}`);
}

function line(state: PreviewLine['state'], detail: string, spoken: string): PreviewLine {
  const { icon, status } = words[state];
  return { state, icon, status, detail, label: `Preview: ${status}${spoken ? `, ${cut(spoken, 120)}` : ''}` };
}

/** Whether two preview lines read the same, so a card whose line did not change keeps its data. */
export function samePreviewLine(a: PreviewLine | undefined, b: PreviewLine | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.state === b.state && a.detail === b.detail && a.label === b.label);
}

/** How many entries of an object or array are written out before `…`: the line is cut at ~40 characters anyway. */
const shownEntries = 8;

/**
 * A value as one short line of JavaScript-like text: `{ total: 13, currency: "EUR" }`, `[1, 2]`, `"text"`.
 * Keys that are plain names go unquoted; nesting deeper than two levels reads `{…}` or `[…]`.
 */
export function compactValue(value: unknown, depth = 0): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return depth >= 2 ? '[…]' : `[${listed(value, (item) => compactValue(item, depth + 1))}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  if (depth >= 2) return '{…}';
  return `{ ${listed(entries, ([key, item]) => `${keyText(key)}: ${compactValue(item, depth + 1)}`)} }`;
}

function listed<T>(items: readonly T[], text: (item: T) => string): string {
  const shown = items.slice(0, shownEntries).map(text);
  return items.length > shownEntries ? `${shown.join(', ')}, …` : shown.join(', ');
}

const keyText = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function cut(text: string, max = previewTextLength): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
