import type { TriggerRequest } from '../../nodes/define-node.js';
import type { ExecutionRecord, RecordedNode } from '../store/types.js';
import type { NodeTrace, RunOutcome } from './run-flow.js';

/**
 * Where a value of a record is stored when it also appears elsewhere: `request`, or
 * `nodes.<id>.output`. Most node inputs are their predecessor's output and the trigger's output
 * is the request itself, so each value is written once and the others point at it. This keeps
 * every record a fraction of the size (and the cost) of writing each value out in full.
 */
export type ValueRef = 'request' | `nodes.${string}.output`;

/** The final record of an execution, each repeated object stored once (see ValueRef). */
export function compactRecord(started: ExecutionRecord, outcome: RunOutcome, trigger: TriggerRequest): ExecutionRecord {
  const { nodes, refOf } = compactNodes(outcome.nodes, trigger);
  // Field by field: spreading `started` and overriding some of its fields is several times slower.
  const { id, flowId, flowVersion, mode, startedAt, request } = started;
  const record: ExecutionRecord = {
    id,
    flowId,
    flowVersion,
    mode,
    status: outcome.status,
    startedAt,
    finishedAt: new Date(outcome.startedAt + outcome.durationMs).toISOString(),
    durationMs: outcome.durationMs,
    request,
    nodes,
  };
  const resultRef = refOf(outcome.result);
  if (resultRef) record.resultRef = resultRef;
  else if (outcome.result !== undefined) record.result = outcome.result;
  if (outcome.error) record.error = outcome.error;
  if (started.resumed) record.resumed = started.resumed;
  return record;
}

/** The record of an execution still under way (running or waiting), with what it needs to resume. */
export function progressRecord(started: ExecutionRecord, status: 'running' | 'waiting', traces: readonly NodeTrace[], trigger: TriggerRequest): ExecutionRecord {
  const { nodes } = compactNodes(traces, trigger);
  const { id, flowId, flowVersion, mode, startedAt, request, resumed } = started;
  const record: ExecutionRecord = { id, flowId, flowVersion, mode, status, startedAt, request, nodes };
  if (resumed) record.resumed = resumed;
  return record;
}

function compactNodes(traces: readonly NodeTrace[], trigger: TriggerRequest) {
  const seen = new Map<unknown, ValueRef>([[trigger, 'request']]);
  const refOf = (value: unknown) => (value !== null && typeof value === 'object' ? seen.get(value) : undefined);
  const nodes = traces.map((trace): RecordedNode => {
    const { input, output } = trace;
    const node: RecordedNode = { nodeId: trace.nodeId, type: trace.type, status: trace.status, startedAt: trace.startedAt };
    if (trace.durationMs !== undefined) node.durationMs = trace.durationMs;
    if (trace.port !== undefined) node.port = trace.port;
    if (trace.error !== undefined) node.error = trace.error;
    if (trace.attempts !== undefined) node.attempts = trace.attempts;
    const inputRef = refOf(input);
    if (inputRef) node.inputRef = inputRef;
    else node.input = input;
    const outputRef = refOf(output);
    if (outputRef) node.outputRef = outputRef;
    else if (output !== undefined) {
      node.output = output;
      if (output !== null && typeof output === 'object') seen.set(output, `nodes.${trace.nodeId}.output`);
    }
    return node;
  });
  return { nodes, refOf };
}

/** A record with every reference replaced by the value it points at, as the API shows it. */
export function expandRecord(record: ExecutionRecord): ExecutionRecord {
  const outputs = new Map<string, unknown>();
  const valueOf = (ref: string): unknown => (ref === 'request' ? record.request : outputs.get(ref));
  const nodes = record.nodes.map((stored) => {
    const { inputRef, outputRef, ...node } = stored;
    const trace: NodeTrace = { ...node, input: inputRef ? valueOf(inputRef) : stored.input };
    const output = outputRef ? valueOf(outputRef) : stored.output;
    if (output !== undefined) trace.output = output;
    outputs.set(`nodes.${trace.nodeId}.output`, trace.output);
    return trace;
  });
  const { resultRef, ...rest } = record;
  return { ...rest, nodes, ...(resultRef ? { result: valueOf(resultRef) } : {}) };
}
