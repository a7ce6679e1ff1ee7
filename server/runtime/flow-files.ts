import { FlowExistsError, FlowValidationError, type FlowProblem } from '../errors.js';
import type { CompiledFlow } from '../engine/compile-flow.js';
import { findUnreadyProblems, FlowNotReadyError } from '../engine/flow-readiness.js';
import type { FlowFile } from '../engine/flow-schema.js';
import { customWebhookPath } from '../engine/webhook-path.js';
import { detectImportFormat } from '../import/detect-format.js';
import { notYetImportable } from '../import/not-yet-importable.js';
import type { StoredFlow } from '../store/types.js';
import type { FlowChanges, FlowRuntime } from './flow-runtime.js';

/** Several flows in one file, as `hookflow export --all` writes and import reads. */
export interface FlowBundle {
  schemaVersion: 1;
  kind: 'hookflow-bundle';
  exportedAt: string;
  flows: FlowFile[];
}

export function bundleFlows(flows: FlowFile[]): FlowBundle {
  return { schemaVersion: 1, kind: 'hookflow-bundle', exportedAt: new Date().toISOString(), flows };
}

/**
 * The flow documents in an imported file: one flow, or a bundle of them. A recognised n8n or
 * Node-RED export is refused with IMPORT_FORMAT_NOT_SUPPORTED; anything else with FLOW_INVALID.
 */
export function readFlowDocuments(document: unknown): { documents: unknown[]; bundle: boolean } {
  const detected = detectImportFormat(document);
  if (detected.format === 'n8n' || detected.format === 'node-red') throw notYetImportable(detected);
  return { documents: detected.documents, bundle: detected.format === 'hookflow-bundle' };
}

/**
 * Imports every flow of a file, or none: all are validated and checked for id and webhook path
 * clashes first, and only then stored. With `replace`, flows whose id exists are updated.
 */
export function importFlows(runtime: FlowRuntime, document: unknown, options: { replace: boolean }): Promise<StoredFlow[]> {
  return runtime.change((changes) => importNow(runtime, changes, document, options));
}

async function importNow(runtime: FlowRuntime, changes: FlowChanges, document: unknown, options: { replace: boolean }): Promise<StoredFlow[]> {
  const { documents, bundle } = readFlowDocuments(document);
  if (documents.length === 0) throw invalid('flows', 'The bundle holds no flows.');
  const problems: FlowProblem[] = [];
  const compiled: CompiledFlow[] = [];
  const prefix = (index: number, path: string) => (bundle ? `flows[${index}]${path ? `.${path}` : ''}` : path);
  documents.forEach((candidate, index) => {
    try {
      compiled.push(runtime.compile(candidate));
    } catch (error) {
      if (!(error instanceof FlowValidationError)) throw error;
      problems.push(...error.problems.map((problem) => ({ ...problem, path: prefix(index, problem.path) })));
    }
  });
  if (problems.length > 0) throw new FlowValidationError(problems);
  const unready = compiled.flatMap((flow, index) =>
    flow.flow.active ? findUnreadyProblems(flow, runtime.credentials).map((problem) => ({ ...problem, path: prefix(index, problem.path) })) : [],
  );
  if (unready.length > 0) throw new FlowNotReadyError(unready);

  const ids = new Set<string>();
  const paths = new Map<string, string>();
  const existing: string[] = [];
  for (const [index, { flow }] of compiled.entries()) {
    if (ids.has(flow.id)) problems.push({ path: prefix(index, 'id'), message: `The flow id "${flow.id}" appears more than once in the file.` });
    ids.add(flow.id);
    const path = customWebhookPath(flow);
    if (path !== undefined) {
      const owner = paths.get(path) ?? runtime.findByWebhookPath(path)?.flow.id;
      if (owner !== undefined && owner !== flow.id) {
        problems.push({ path: prefix(index, 'nodes'), message: `The webhook path "${path}" is already used by flow "${owner}".` });
      }
      paths.set(path, flow.id);
    }
    if (await runtime.store.flows.get(flow.id)) existing.push(flow.id);
  }
  if (problems.length > 0) throw new FlowValidationError(problems);
  if (existing.length > 0 && !options.replace) throw new FlowExistsError(existing, 'Import with replace (API: ?replace=true, CLI: --replace) to update them; nothing was imported.');

  const stored: StoredFlow[] = [];
  for (const { flow } of compiled) {
    stored.push(existing.includes(flow.id) ? await changes.update(flow) : await changes.create(flow));
  }
  return stored;
}

function invalid(path: string, message: string): FlowValidationError {
  return new FlowValidationError([{ path, message }], message);
}
