import type { TriggerRequest } from '../../nodes/define-node.js';
import type { ErrorTriggerConfig } from '../../nodes/error-trigger.js';
import { expandRecord } from '../engine/compact-record.js';
import type { FlowFile } from '../engine/flow-schema.js';
import type { Logger } from '../logger.js';
import type { ExecutionRecord, StoredFlow } from '../store/types.js';
import type { Executor } from './executor.js';
import type { FlowRuntime } from './flow-runtime.js';

/**
 * The body of the request an error-handler flow starts with (`$trigger.body`): what failed and
 * why. It carries nothing else of the failed execution's request, whose headers, path and query
 * may hold secrets.
 */
export interface FailureReport {
  execution: {
    id: string;
    flowId: string;
    flowName: string;
    flowVersion: number;
    mode: ExecutionRecord['mode'];
    status: 'failed' | 'timeout';
    startedAt: string;
    finishedAt?: string;
    error: { nodeId?: string; code: string; message: string };
    /**
     * The node that failed, when the execution names one. `input` is the item it received; when
     * that was the trigger's request, only its body (`{ body }`).
     */
    failedNode?: { id: string; type: string; input: unknown };
  };
  flow: { id: string; name: string };
}

/** Runs whose failure is reported: never a test run, never an error-handler flow's own run (no loops). */
const reportedModes: ReadonlySet<ExecutionRecord['mode']> = new Set(['webhook', 'api', 'cli']);

/**
 * Starts the error-handler flows (flows whose trigger is `error-trigger`) when an execution fails:
 * every active one that watches the failed flow runs with mode `error` on a FailureReport. The
 * flows are read from the store at each failure, so nothing goes stale; failures are rare.
 *
 * @example
 * executor.onFinished = (record) => errorFlows.handle(record);
 */
export class ErrorFlows {
  constructor(
    private readonly runtime: FlowRuntime,
    private readonly executor: Executor,
    private readonly logger: Logger,
  ) {}

  /** Called with every final execution record; starts the handlers of a reported failure. Never throws. */
  handle(record: ExecutionRecord): void {
    if ((record.status !== 'failed' && record.status !== 'timeout') || !reportedModes.has(record.mode)) return;
    this.start(record).catch((error: unknown) => {
      this.logger.error({ executionId: record.id, flowId: record.flowId, err: error }, 'error-handler flows could not be started');
    });
  }

  private async start(record: ExecutionRecord): Promise<void> {
    const flows = await this.runtime.store.flows.list();
    const failed = flows.find((stored) => stored.flow.id === record.flowId)?.flow;
    for (const stored of flows) {
      try {
        if (!this.watches(stored, record.flowId, failed)) continue;
        const trigger = failureTrigger(record, failed?.name ?? record.flowId);
        this.executor.execute(stored, this.runtime.compiledFor(stored), trigger, { mode: 'error' });
      } catch (error) {
        this.logger.error({ flowId: stored.flow.id, executionId: record.id, err: error }, 'error-handler flow could not be started');
      }
    }
  }

  /** Whether `stored` is an active error-handler flow watching the flow `flowId` (another flow than itself). */
  private watches(stored: StoredFlow, flowId: string, failed: FlowFile | undefined): boolean {
    if (!stored.flow.active || stored.flow.id === flowId || !startsOnFailure(stored.flow)) return false;
    const { flows } = this.runtime.compiledFor(stored).trigger.config as ErrorTriggerConfig;
    if (flows.length > 0) return flows.includes(flowId);
    return failed === undefined || !startsOnFailure(failed);
  }
}

/** Whether a flow's trigger is an error trigger (it then has no webhook URL). */
export function startsOnFailure(flow: FlowFile): boolean {
  return flow.nodes.some((node) => node.type === 'error-trigger');
}

/** The request an error-handler flow starts with: POST, no headers, the FailureReport as body. */
export function failureTrigger(record: ExecutionRecord, flowName: string): TriggerRequest {
  return { method: 'POST', path: '', headers: {}, query: {}, params: {}, body: failureReport(record, flowName) };
}

function failureReport(record: ExecutionRecord, flowName: string): FailureReport {
  const status = record.status === 'timeout' ? 'timeout' : 'failed';
  const error = record.error ?? { code: status === 'timeout' ? 'FLOW_TIMEOUT' : 'FLOW_FAILED', message: `The execution ${status === 'timeout' ? 'timed out' : 'failed'}.` };
  const failedNode = failedNodeOf(record, error.nodeId);
  return {
    execution: {
      id: record.id,
      flowId: record.flowId,
      flowName,
      flowVersion: record.flowVersion,
      mode: record.mode,
      status,
      startedAt: record.startedAt,
      ...(record.finishedAt === undefined ? {} : { finishedAt: record.finishedAt }),
      error,
      ...(failedNode ? { failedNode } : {}),
    },
    flow: { id: record.flowId, name: flowName },
  };
}

function failedNodeOf(record: ExecutionRecord, nodeId: string | undefined): FailureReport['execution']['failedNode'] {
  const stored = nodeId === undefined ? undefined : record.nodes.find((node) => node.nodeId === nodeId);
  if (!stored) return undefined;
  const input = stored.inputRef === 'request' ? { body: record.request.body } : expandRecord(record).nodes.find((node) => node.nodeId === nodeId)?.input;
  return { id: stored.nodeId, type: stored.type, input };
}
