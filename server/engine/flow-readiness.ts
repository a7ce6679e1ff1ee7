import { FlowValidationError, type FlowProblem } from '../errors.js';
import type { PreparedFlow } from './prepare-flow.js';

/**
 * A valid flow that cannot be switched on yet: saving it as a draft is fine, running it live is
 * not. Answered 422 with `problems`, like FlowValidationError, under its own code.
 */
export class FlowNotReadyError extends FlowValidationError {
  override readonly code = 'FLOW_NOT_READY';

  constructor(problems: FlowProblem[]) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(problems, `The flow cannot be active yet: ${problems[0]?.message ?? 'it is not ready.'}${more}`);
  }
}

/** The nodes that the trigger's item can never reach, each as a problem at `nodes[i]`. */
export function findUnconnectedNodes(prepared: PreparedFlow): FlowProblem[] {
  const reached = prepared.graph.reach(prepared.trigger.node.id);
  return prepared.flow.nodes.flatMap((node, index) =>
    reached.has(node.id)
      ? []
      : [{ path: `nodes[${index}]`, nodeId: node.id, message: `Node "${node.id}" is not connected to the trigger; connect it or delete it.` }],
  );
}

/** Throws FlowNotReadyError when an active flow has nodes its trigger cannot reach; inactive drafts pass. */
export function assertReadyToActivate(prepared: PreparedFlow): void {
  if (!prepared.flow.active) return;
  const problems = findUnconnectedNodes(prepared);
  if (problems.length > 0) throw new FlowNotReadyError(problems);
}
