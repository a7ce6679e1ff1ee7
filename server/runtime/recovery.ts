import type { WebhookConfig } from '../../nodes/webhook.js';
import type { Logger } from '../logger.js';
import { unfinishedStatuses } from '../store/execution-summary.js';
import type { ExecutionRecord, ExecutionStore } from '../store/types.js';
import { BusyError } from './busy-error.js';
import type { ConcurrencyLimit, ExecutionSlots, Slot } from './execution-slots.js';
import { tracesOf, type Executor } from './executor.js';
import type { FlowRuntime } from './flow-runtime.js';

export interface RecoveryReport {
  /** Carried on from their persisted state (waits re-armed, interrupted nodes run again). */
  fromState: number;
  /** Accepted but never started or checkpointed: run again from their trigger. */
  fromStart: number;
  /** Their flow version is gone: recorded as failed. */
  abandoned: number;
}

/**
 * Carries on, at start, with every execution the last process accepted and did not finish:
 * oldest first, each on the flow version it started on, through the same places (concurrency
 * limits) as new calls. An execution that was waiting is armed again; one that was running
 * resumes from its last checkpoint, its interrupted node run again; one that was only accepted
 * (a queued or running record without state) runs from its trigger. At least once: an action
 * that ran just before the crash may run again (see README, "Delivery guarantees").
 */
export async function recoverExecutions(executions: ExecutionStore, executor: Executor, runtime: FlowRuntime, slots: ExecutionSlots, logger: Logger): Promise<RecoveryReport> {
  const report: RecoveryReport = { fromState: 0, fromStart: 0, abandoned: 0 };
  const records = await unfinishedRecords(executions);
  for (const record of records) {
    const compiled = await runtime.compiledAt(record.flowId, record.flowVersion).catch(() => undefined);
    if (!compiled) {
      report.abandoned += 1;
      await executor.abandon(record, `Version ${record.flowVersion} of flow "${record.flowId}" is gone (the flow was deleted or changed more than 20 times since), so the execution cannot carry on.`);
      continue;
    }
    const waiting = record.status === 'waiting';
    const slot = waiting ? undefined : await reserveWhenRoom(slots, record.flowId, (compiled.trigger.config as Partial<WebhookConfig>).concurrency);
    if (record.resume) {
      report.fromState += 1;
      const interrupted = record.resume.running;
      executor.restore(record, compiled, {
        state: record.resume,
        nodes: tracesOf(record),
        note: interrupted.length > 0 ? { reason: 'restart', from: 'node', nodeId: interrupted[0] } : { reason: 'restart', from: 'snapshot' },
      }, slot);
    } else {
      report.fromStart += 1;
      executor.restore(record, compiled, { nodes: [], note: { reason: 'restart', from: 'start' } }, slot);
    }
  }
  if (records.length > 0) logger.info(report, `carried on with ${records.length} execution(s) the last run left unfinished`);
  return report;
}

/** A place among the executions: accepted work is never refused, it waits until a queue has room. */
async function reserveWhenRoom(slots: ExecutionSlots, flowId: string, limit: ConcurrencyLimit | undefined): Promise<Slot> {
  for (;;) {
    try {
      return slots.reserve(flowId, limit);
    } catch (error) {
      if (!(error instanceof BusyError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Every unfinished execution's latest record, oldest first. */
async function unfinishedRecords(executions: ExecutionStore): Promise<ExecutionRecord[]> {
  const records: ExecutionRecord[] = [];
  for (const status of unfinishedStatuses) {
    let cursor: string | undefined;
    do {
      const page = await executions.list({ status, limit: 500, ...(cursor ? { cursor } : {}) });
      for (const summary of page.items) {
        const record = await executions.get(summary.id);
        if (record && record.status === status) records.push(record);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
