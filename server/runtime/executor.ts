import { randomUUID } from 'node:crypto';
import type { TriggerRequest, WebhookResponse } from '../../nodes/define-node.js';
import type { CompiledFlow } from '../engine/compile-flow.js';
import { expandRecord } from '../engine/compact-record.js';
import { recordRequest } from '../engine/record-request.js';
import { FlowRun, type NodeTrace, type RunOptions, type RunOutcome, type RunState } from '../engine/run-flow.js';
import { FlowError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ExecutionRecord, ExecutionStore, ResumeNote, StoredFlow } from '../store/types.js';
import { BusyError } from './busy-error.js';
import type { Slot } from './execution-slots.js';
import { LiveExecution } from './live-execution.js';
import type { SharedServices } from './node-services.js';
import type { ResumeLinks } from './resume-links.js';

export interface ExecuteOptions {
  mode: ExecutionRecord['mode'];
  /** Sends the webhook response now (respond node); absent when nobody waits for one. */
  respond?: (response: WebhookResponse) => boolean;
  /** Record a `running` (or `queued`) record and wait until it is written before the flow starts (202 mode). */
  recordStart?: boolean;
  /** The execution's place (see ExecutionSlots): the flow starts once it is free, and gives it back when it ends. */
  slot?: Slot;
}

export interface Execution {
  id: string;
  /** Resolves when the `running` record is written (immediately when `recordStart` is off). */
  accepted: Promise<void>;
  /** Resolves with the outcome once the flow has finished (never rejects). */
  outcome: Promise<RunOutcome>;
}

/** Where a persisted execution carries on from. */
export interface RestoreFrom {
  /** The state to resume; without it the flow runs again from its trigger. */
  state?: RunState;
  /** The trace so far, as the record holds it. */
  nodes: NodeTrace[];
  note: Omit<ResumeNote, 'at'>;
}

/** A call to an execution's resume URL that finds nothing waiting for one (404 or 409). */
export class NotWaitingError extends FlowError {
  /** Wrong, unknown and finished URLs answer alike, so the answer tells a guesser nothing. */
  static unknown(): NotWaitingError {
    return new NotWaitingError('EXECUTION_NOT_WAITING', 'No execution waits at this URL: it may have finished, timed out or been resumed already.', 404);
  }

  static notYet(id: string, status: string): NotWaitingError {
    return new NotWaitingError('EXECUTION_NOT_WAITING', `Execution ${id} is not waiting for a resume call (it is ${status}); call again once it reaches its wait-for-webhook node.`, 409);
  }
}

/**
 * Starts executions, records them, and carries on with persisted ones (after a restart, a wait or
 * a re-run from a node). Executions under way are kept in memory so that their status can be
 * read before their final record is written.
 */
export class Executor {
  private readonly live = new Map<string, LiveExecution>();
  /** Called with every final record once it is written (the error-handler flows listen here). */
  onFinished: ((record: ExecutionRecord) => void) | undefined;
  private closing = false;

  constructor(
    private readonly executions: ExecutionStore,
    private readonly services: SharedServices,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly links: ResumeLinks,
  ) {}

  execute(stored: StoredFlow, compiled: CompiledFlow, trigger: TriggerRequest, options: ExecuteOptions): Execution {
    if (this.closing) throw BusyError.shuttingDown();
    const id = randomUUID();
    const { slot } = options;
    const record: ExecutionRecord = {
      id,
      flowId: stored.flow.id,
      flowVersion: stored.version,
      mode: options.mode,
      status: slot?.ready ? 'queued' : 'running',
      startedAt: new Date().toISOString(),
      request: recordRequest(trigger),
      nodes: [],
    };
    const live = new LiveExecution(record, trigger, this.services, this.executions, this.logger, {
      respond: options.respond,
      slot,
      durable: options.recordStart === true,
    });
    this.live.set(id, live);
    const runNow = () => this.begin(live, FlowRun.start(compiled, trigger, this.runOptions(live, compiled)));
    const ready = slot?.ready;
    const run = ready
      ? async () => {
          await ready;
          if (this.closing && live.durable) return this.leaveQueued(live);
          record.status = 'running';
          return runNow();
        }
      : runNow;
    const accepted = options.recordStart ? this.executions.save({ ...record }, durable) : undefined;
    const outcome = accepted ? accepted.then(run) : run();
    this.finishWhenDone(live, outcome);
    return { id, accepted: accepted ?? Promise.resolve(), outcome };
  }

  /** A new execution of `stored` that starts where `from` says (a re-run from the failed node of `original`). */
  rerun(stored: StoredFlow, compiled: CompiledFlow, original: ExecutionRecord, from: RestoreFrom): Execution {
    if (this.closing) throw BusyError.shuttingDown();
    const record: ExecutionRecord = {
      id: randomUUID(),
      flowId: stored.flow.id,
      flowVersion: stored.version,
      mode: 'api',
      status: 'running',
      startedAt: new Date().toISOString(),
      request: original.request,
      nodes: [],
    };
    return this.restore(record, compiled, from);
  }

  /**
   * Carries on with a persisted execution (same id): from its state, or from its trigger when it
   * had none yet. Its record notes why and from where.
   */
  restore(record: ExecutionRecord, compiled: CompiledFlow, from: RestoreFrom, slot?: Slot): Execution {
    const note: ResumeNote = { at: new Date().toISOString(), ...from.note };
    const current: ExecutionRecord = { ...record, status: 'running', resumed: [...(record.resumed ?? []), note] };
    delete current.resume;
    const trigger: TriggerRequest = from.state?.context.trigger ?? { ...record.request, params: {} };
    const live = new LiveExecution(current, trigger, this.services, this.executions, this.logger, { slot, durable: true });
    this.live.set(record.id, live);
    const startedAt = Date.parse(record.startedAt);
    const runNow = () => {
      const options = this.runOptions(live, compiled);
      const run = from.state ? FlowRun.restore(compiled, from.state, from.nodes, startedAt, options) : FlowRun.start(compiled, trigger, options);
      return this.begin(live, run);
    };
    const outcome = slot?.ready ? slot.ready.then(runNow) : runNow();
    this.finishWhenDone(live, outcome);
    return { id: record.id, accepted: Promise.resolve(), outcome };
  }

  /** Records an unfinished execution that cannot carry on as failed, saying why. */
  async abandon(record: ExecutionRecord, message: string): Promise<void> {
    const final: ExecutionRecord = { ...record, status: 'failed', finishedAt: new Date().toISOString(), error: { code: 'EXECUTION_ABANDONED', message } };
    delete final.resume;
    delete final.resumeAt;
    await this.save(final);
    this.onFinished?.(final);
  }

  /**
   * A call to an execution's resume URL: the node waiting for it goes on with `request` as its
   * item. Resolves once the execution's new state is written, so that the caller's 202 means the
   * call is not lost.
   */
  async resume(id: string, request: unknown): Promise<void> {
    const live = this.live.get(id);
    if (!live?.run) throw NotWaitingError.unknown();
    if (!live.run.resumeWith(request)) throw NotWaitingError.notYet(id, live.record.status);
    if (!live.run.finished) await live.persist('running', live.run.state(), live.run.traces, durable);
  }

  /** An execution that is under way or whose final record is not written yet. */
  inFlight(id: string): ExecutionRecord | undefined {
    return this.live.get(id)?.record;
  }

  /** How many executions have not finished recording (waiting ones included). */
  get inFlightCount(): number {
    return this.live.size;
  }

  /** Executions doing work now: not waiting in a delay or for a resume call. */
  get activeCount(): number {
    let count = 0;
    for (const live of this.live.values()) if (live.run && !live.run.isIdle) count += 1;
    return count;
  }

  /**
   * Stops taking executions, gives those running `graceMs` to finish, then writes the state of
   * every one still under way so that the next start carries on with it. Waiting executions are
   * on disk already.
   */
  async shutdown(graceMs: number): Promise<{ finished: number; persisted: number }> {
    this.closing = true;
    const before = this.activeCount;
    const deadline = Date.now() + graceMs;
    while (this.activeCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const writes: Promise<void>[] = [];
    for (const live of this.live.values()) {
      if (!live.run) continue;
      const idle = live.run.isIdle;
      const state = live.run.interrupt();
      if (!idle) writes.push(live.persist('running', state, live.run.traces, durable));
    }
    await Promise.all(writes);
    return { finished: before - writes.length, persisted: writes.length };
  }

  private runOptions(live: LiveExecution, compiled: CompiledFlow): RunOptions {
    const { id, flowId } = live.record;
    const timeoutMs = compiled.flow.settings?.timeoutMs ?? this.timeoutMs;
    if (!compiled.usesExecution) return { services: live.services, timeoutMs, hooks: live };
    return { services: live.services, timeoutMs, execution: this.links.infoOf(id, flowId), hooks: live };
  }

  private begin(live: LiveExecution, run: FlowRun): Promise<RunOutcome> {
    live.run = run;
    return run.outcome;
  }

  /** A queued 202 call whose turn came while shutting down: its `queued` record makes the next start run it. */
  private leaveQueued(live: LiveExecution): Promise<RunOutcome> {
    live.releaseSlot();
    this.live.delete(live.record.id);
    return new Promise(() => {});
  }

  private finishWhenDone(live: LiveExecution, outcome: Promise<RunOutcome>): void {
    const { id } = live.record;
    void outcome.then(async (result) => {
      live.releaseSlot();
      // Registered first, so this runs before the webhook handler reads the outcome: its caller
      // gets the error with the credentials redacted too (the result is the flow's own answer).
      const final = live.finish(result);
      await this.save(final);
      this.live.delete(id);
      this.onFinished?.(final);
    }, () => {
      // Its start could not be recorded (the webhook answers with the store's error): it never ran.
      live.releaseSlot();
      this.live.delete(id);
    });
  }

  /**
   * Writes a final record. One whose data cannot be serialised (nested too deep for JSON) is
   * written without its payloads and says so, rather than being lost.
   */
  private async save(record: ExecutionRecord): Promise<void> {
    try {
      await this.executions.save(record);
    } catch (error) {
      if (!(error instanceof RangeError)) {
        this.logger.error({ executionId: record.id, err: error }, 'execution record could not be written');
        return;
      }
      this.logger.warn({ executionId: record.id }, 'execution payloads too deep to record; recorded without them');
      await this.executions.save(withoutPayloads(record, error.message)).catch((failure: unknown) => {
        this.logger.error({ executionId: record.id, err: failure }, 'execution record could not be written');
      });
    }
  }
}

/** The trace of a record, as a restored run continues it. */
export function tracesOf(record: ExecutionRecord): NodeTrace[] {
  return expandRecord(record).nodes as NodeTrace[];
}

const omitted = '[omitted: too deeply nested to record]';
const durable = { durable: true };

function withoutPayloads(record: ExecutionRecord, reason: string): ExecutionRecord {
  return {
    ...record,
    request: { ...record.request, body: omitted },
    nodes: record.nodes.map((node) => ({ ...node, input: node.input === undefined ? undefined : omitted, output: node.output === undefined ? undefined : omitted })),
    result: record.result === undefined ? undefined : omitted,
    truncated: `The execution's data could not be recorded: ${reason}`,
  };
}
