import type { NodeServices, TriggerRequest } from '../../nodes/define-node.js';
import { secretValuesOf } from '../credentials/credential-schemas.js';
import { createRedactor, type Redactor } from '../credentials/redact.js';
import { compactRecord, progressRecord } from '../engine/compact-record.js';
import type { FlowContext } from '../engine/flow-machine.js';
import { recordRequest } from '../engine/record-request.js';
import type { FlowRun, NodeTrace, RunHooks, RunOutcome, RunState } from '../engine/run-flow.js';
import type { Logger } from '../logger.js';
import type { ExecutionRecord, ExecutionStore, SaveOptions } from '../store/types.js';
import type { Slot } from './execution-slots.js';
import type { SharedServices } from './node-services.js';

export interface LiveOptions {
  respond?: NodeServices['respond'];
  slot?: Slot;
  /** The execution's record is on disk already (202 mode, or restored): checkpoints are kept. */
  durable: boolean;
}

/**
 * One execution between its start and its final record: the services its nodes use (credentials
 * it resolves are redacted from everything it records), and the records written while it runs —
 * a checkpoint after each action once it is durable, the full state whenever it waits — so that
 * a restart carries on where it stopped.
 */
export class LiveExecution implements RunHooks {
  run!: FlowRun;
  readonly services: NodeServices;
  durable: boolean;
  private slot: Slot | undefined;
  /** The values of the credentials this execution resolved; made only when a node asks for one. */
  private secrets: string[] | undefined;
  private redactor: Redactor | undefined;

  constructor(
    /** The latest record: what `GET /api/executions/:id` shows while the execution is under way. */
    public record: ExecutionRecord,
    /** The trigger the run sees (for a restored run, the recorded one). */
    private readonly trigger: TriggerRequest,
    shared: SharedServices,
    private readonly store: ExecutionStore,
    private readonly logger: Logger,
    options: LiveOptions,
  ) {
    this.durable = options.durable;
    this.slot = options.slot;
    // Named one by one: a spread here costs microseconds on every webhook.
    const { nextCounterValue, sendMail, fetch, credential } = shared;
    const { id, flowId } = record;
    const live = this;
    this.services = {
      nextCounterValue,
      sendMail,
      fetch,
      credential(name, type) {
        const fields = credential(name, type);
        (live.secrets ??= []).push(...secretValuesOf(type, fields));
        live.redactor = undefined;
        return fields;
      },
      respond: options.respond ?? (() => false),
      log: (message, details) => {
        const entry = { executionId: id, flowId, ...details };
        if (live.secrets) logger.info(live.redact().value(entry), live.redact().text(message));
        else logger.info(entry, message);
      },
    };
  }

  private redact(): Redactor {
    return (this.redactor ??= createRedactor(this.secrets!));
  }

  /** Gives the execution's place back (once): when it ends, or when it starts waiting. */
  releaseSlot(): void {
    this.slot?.release();
    this.slot = undefined;
  }

  waiting(state: RunState, traces: readonly NodeTrace[]): void {
    // A waiting execution uses no CPU: its place goes to the next call.
    this.releaseSlot();
    this.durable = true;
    // Durable: an execution that waits may have no earlier record to fall back on (lastNode mode).
    void this.persist('waiting', state, traces, { durable: true });
  }

  checkpoint(state: RunState, traces: readonly NodeTrace[]): void {
    void this.persist('running', state, traces);
  }

  /** Writes the execution's progress with its state to resume from; resolves once written (never rejects). */
  persist(status: 'running' | 'waiting', state: RunState, traces: readonly NodeTrace[], options?: SaveOptions): Promise<void> {
    const record = progressRecord(this.record, status, traces, this.trigger);
    record.resume = { ...state, context: this.storable(state.context) };
    if (status === 'waiting') record.resumeAt = new Date(Math.min(...Object.values(state.waits).map((wait) => wait.until))).toISOString();
    const stored = this.secrets ? this.redact().value(record) : record;
    this.record = stored;
    return this.store.save(stored, options).catch((error: unknown) => {
      this.logger.error({ executionId: record.id, err: error }, 'the state of an execution could not be written; a restart runs it from its last saved point');
    });
  }

  /** The final record (credentials redacted); the outcome's error is redacted too, since the caller may see it. */
  finish(outcome: RunOutcome): ExecutionRecord {
    if (this.secrets && outcome.error) outcome.error = this.redact().value(outcome.error);
    const compact = compactRecord(this.record, outcome, this.trigger);
    this.record = this.secrets ? this.redact().value(compact) : compact;
    return this.record;
  }

  /**
   * The context as it may be stored: the trigger as recorded (credential-bearing headers
   * redacted) wherever the run holds the request itself.
   */
  private storable(context: FlowContext): FlowContext {
    const raw = this.trigger;
    if (context.trigger !== raw) return context;
    const stored: TriggerRequest = { ...recordRequest(raw), params: raw.params };
    const swap = (value: unknown) => (value === raw ? stored : value);
    const outputs: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(context.outputs)) outputs[id] = swap(value);
    const arrivals: FlowContext['arrivals'] = {};
    for (const [target, items] of Object.entries(context.arrivals)) {
      arrivals[target] = Object.fromEntries(Object.entries(items).map(([source, value]) => [source, swap(value)]));
    }
    return { ...context, trigger: stored, outputs, arrivals, last: swap(context.last) };
  }
}
