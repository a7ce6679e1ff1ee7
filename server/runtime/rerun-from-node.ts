import type { StateValue } from 'xstate';
import type { TriggerRequest } from '../../nodes/define-node.js';
import type { CompiledFlow } from '../engine/compile-flow.js';
import type { FlowContext } from '../engine/flow-machine.js';
import type { NodeTrace } from '../engine/run-flow.js';
import { FlowError } from '../errors.js';
import { isTruncatedValue } from '../store/payload-cap.js';
import type { ExecutionRecord } from '../store/types.js';
import { tracesOf, type RestoreFrom } from './executor.js';

/** A re-run from the failed node that cannot be made; the message says why and what works instead. */
export class NotRerunnableError extends FlowError {
  constructor(message: string) {
    super('EXECUTION_NOT_RERUNNABLE', message, 409);
  }
}

/**
 * Where a re-run of a failed execution starts when it starts at the node that failed: that node
 * active with the input it had, the outputs of the nodes before it as they were, on `compiled`
 * (the flow's current version, so that a fixed node runs as fixed). The trace before the failed
 * node is kept, so the new record shows the whole path.
 */
export function startAtFailedNode(record: ExecutionRecord, compiled: CompiledFlow): RestoreFrom {
  const nodeId = record.error?.nodeId;
  if (record.status !== 'failed' && record.status !== 'timeout') throw new NotRerunnableError(`Execution ${record.id} did not fail (it is ${record.status}); only a failed execution can be re-run from its failed node.`);
  if (!nodeId) throw new NotRerunnableError(`Execution ${record.id} failed outside any node (${record.error?.code ?? 'no error recorded'}); re-run it from the start.`);
  const traces = tracesOf(record);
  const at = traces.findLastIndex((trace) => trace.nodeId === nodeId);
  if (at < 0) throw new NotRerunnableError(`Execution ${record.id} has no recorded input for node "${nodeId}"; re-run it from the start.`);
  const before = traces.slice(0, at);
  if (isTruncatedValue(traces[at]!.input) || before.some((trace) => isTruncatedValue(trace.output))) {
    throw new NotRerunnableError(`Execution ${record.id} recorded the data before node "${nodeId}" only in part (it was larger than HOOKFLOW_RECORD_MAX_VALUE_BYTES); re-run it from the start.`);
  }
  const value = stateValueOf(compiled, nodeId);
  const trigger: TriggerRequest = { ...record.request, params: {} };
  const input = traces[at]!.input;
  const prepared = compiled.nodes.get(nodeId)!;
  const outputs: Record<string, unknown> = {};
  for (const trace of before) if (trace.status === 'succeeded') outputs[trace.nodeId] = trace.output;
  outputs[compiled.trigger.node.id] = trigger;
  const arrivals = { [nodeId]: prepared.definition.join ? (input as Record<string, unknown>) : { [before.at(-1)?.nodeId ?? compiled.trigger.node.id]: input } };
  const context: FlowContext = { trigger, outputs, arrivals, last: input };
  return {
    state: { value, context, waits: {}, running: [nodeId], activeMs: 0 },
    nodes: before.map((trace): NodeTrace => (trace.nodeId === compiled.trigger.node.id ? { ...trace, input: trigger, output: trigger } : trace)),
    note: { reason: 'rerun', from: 'node', nodeId },
  };
}

/** The machine's state value with `nodeId` active; refused for a node inside parallel branches. */
function stateValueOf(compiled: CompiledFlow, nodeId: string): StateValue {
  let node: ReturnType<CompiledFlow['machine']['getStateNodeById']>;
  try {
    node = compiled.machine.getStateNodeById(nodeId);
  } catch {
    throw new NotRerunnableError(`The flow's current version has no node "${nodeId}"; re-run the execution from the start.`);
  }
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'parallel') throw new NotRerunnableError(`Node "${nodeId}" runs inside parallel branches, which a re-run cannot enter half-way; re-run the execution from the start.`);
  }
  const path: string[] = node.path;
  return path.reduceRight<StateValue | undefined>((inner, key) => (inner === undefined ? key : { [key]: inner }), undefined)!;
}
