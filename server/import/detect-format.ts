import { FlowValidationError } from '../errors.js';

/** The kinds of file `POST /api/import`, `hookflow import` and the editor's file drop recognise. */
export type ImportFormat = 'hookflow-flow' | 'hookflow-bundle' | 'n8n' | 'node-red';

type Entry = Record<string, unknown>;

/** What a file to import holds, by its shape. */
export type DetectedImport =
  /** `documents`: the flow document(s) to validate, as readFlowDocuments returned them before. */
  | { format: 'hookflow-flow' | 'hookflow-bundle'; documents: unknown[] }
  /** n8n workflow export(s): one object, an array of them (`n8n export:workflow --all`) or `{ workflows: [...] }`. `legacy`: a pre-1.0 export (nodes without ids or a numeric workflow id). */
  | { format: 'n8n'; workflows: Entry[]; legacy: boolean }
  /** Node-RED export (`flows.json`, or the admin API's `{ rev, flows: [...] }`): every node, config node and tab; `tabs` counts the flows. */
  | { format: 'node-red'; nodes: Entry[]; tabs: number };

/** The formats named when a file is refused. */
const readableFormats =
  'a Hookflow flow file (an object with "schemaVersion": 1, "nodes" and "edges") or a Hookflow bundle (an object with "flows": [...]); n8n workflow exports and Node-RED flow exports are recognised but cannot be imported yet';

/**
 * Tells which format a parsed import file is in, by its shape only: shallow checks of own
 * properties, no recursion, one pass over top-level arrays, so hostile input (huge arrays,
 * deep nesting, `__proto__` keys) costs no more than reading it. Anything else throws a
 * FlowValidationError (422, `FLOW_INVALID`) naming the formats Hookflow reads.
 *
 * @example
 * detectImportFormat([{ name: 'A', nodes: [], connections: {} }]); // { format: 'n8n', workflows: [...], legacy: false }
 */
export function detectImportFormat(document: unknown): DetectedImport {
  if (Array.isArray(document)) {
    if (document.length > 0 && document.every(isN8nWorkflow)) return n8n(document as Entry[]);
    if (isNodeRedExport(document)) return nodeRed(document as Entry[]);
  } else if (isEntry(document)) {
    if (isN8nWorkflow(document)) return n8n([document]);
    const workflows = own(document, 'workflows');
    if (Array.isArray(workflows) && workflows.length > 0 && workflows.every(isN8nWorkflow) && own(document, 'nodes') === undefined) return n8n(workflows as Entry[]);
    const flows = own(document, 'flows');
    if (own(document, 'kind') === 'hookflow-bundle' || (Array.isArray(flows) && own(document, 'nodes') === undefined)) {
      if (!Array.isArray(flows)) throw invalid('flows', 'A bundle needs a "flows" array.');
      if (own(document, 'kind') !== 'hookflow-bundle' && isNodeRedExport(flows)) return nodeRed(flows as Entry[]);
      return { format: 'hookflow-bundle', documents: flows };
    }
    if (Object.hasOwn(document, 'nodes') || Object.hasOwn(document, 'schemaVersion')) return { format: 'hookflow-flow', documents: [document] };
  }
  throw invalid('', `This is not a file Hookflow can import: expected ${readableFormats}.`);
}

/** How a person would name what the file holds: "an n8n workflow export (2 workflows)". */
export function describeDetectedImport(detected: DetectedImport): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  switch (detected.format) {
    case 'n8n':
      return `an n8n workflow export${detected.legacy ? ' from before n8n 1.0' : ''} (${count(detected.workflows.length, 'workflow')})`;
    case 'node-red':
      return `a Node-RED flow export (${count(detected.tabs, 'flow')}, ${count(detected.nodes.length, 'node')})`;
    case 'hookflow-bundle':
      return `a Hookflow bundle (${count(detected.documents.length, 'flow')})`;
    case 'hookflow-flow':
      return 'a Hookflow flow file';
  }
}

/** n8n: `nodes[]` and a `connections` object (keyed by node name), without Hookflow's `schemaVersion` or `edges`. */
function isN8nWorkflow(value: unknown): boolean {
  if (!isEntry(value)) return false;
  const connections = own(value, 'connections');
  return Array.isArray(own(value, 'nodes')) && isEntry(connections) && own(value, 'schemaVersion') === undefined && own(value, 'edges') === undefined;
}

function n8n(workflows: Entry[]): DetectedImport {
  const legacy = workflows.some((workflow) => typeof own(workflow, 'id') === 'number' || (own(workflow, 'nodes') as unknown[]).some((node) => isEntry(node) && own(node, 'id') === undefined));
  return { format: 'n8n', workflows, legacy };
}

/** Node-RED: an array where every entry has a string `id` and `type`, and some are wired nodes (`wires[]`) or tabs. */
function isNodeRedExport(entries: unknown[]): boolean {
  if (entries.length === 0) return false;
  let wiredOrTab = false;
  for (const entry of entries) {
    if (!isEntry(entry) || typeof own(entry, 'id') !== 'string' || typeof own(entry, 'type') !== 'string') return false;
    wiredOrTab ||= Array.isArray(own(entry, 'wires')) || own(entry, 'type') === 'tab';
  }
  return wiredOrTab;
}

function nodeRed(nodes: Entry[]): DetectedImport {
  const tabs = nodes.filter((node) => own(node, 'type') === 'tab').length;
  // Nodes exported without their tab (no `z`) or one selection still make one flow.
  return { format: 'node-red', nodes, tabs: Math.max(tabs, 1) };
}

function isEntry(value: unknown): value is Entry {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An own property only: a `__proto__` or `constructor` key is data, never the prototype's. */
function own(entry: Entry, key: string): unknown {
  return Object.hasOwn(entry, key) ? entry[key] : undefined;
}

function invalid(path: string, message: string): FlowValidationError {
  return new FlowValidationError([{ path, message }], message);
}
