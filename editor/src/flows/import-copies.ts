import type { FlowDocument } from '../api/types.js';
import { copyOfFlow } from './new-flows.js';

/**
 * The same import file with every flow whose id is `taken` turned into a copy (new id, "(copy)"
 * name, inactive, no custom webhook path); the other flows stay as they are.
 */
export function importAsCopies(document: unknown, taken: ReadonlySet<string>): unknown {
  const copy = (candidate: unknown) => {
    const flow = candidate as FlowDocument;
    if (!taken.has(flow.id)) return flow;
    return copyOfFlow({ ...flow, nodes: flow.nodes.map((node) => ({ ...node, config: node.config ?? {} })) }, taken);
  };
  const file = document as { flows?: unknown[] };
  return Array.isArray(file.flows) ? { ...file, flows: file.flows.map(copy) } : copy(document);
}
