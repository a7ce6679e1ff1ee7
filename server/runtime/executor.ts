import { randomUUID } from 'node:crypto';
import type { NodeServices, TriggerRequest, WebhookResponse } from '../../nodes/define-node.js';
import type { CompiledFlow } from '../engine/compile-flow.js';
import { secretValuesOf } from '../credentials/credential-schemas.js';
import { createRedactor, type Redactor } from '../credentials/redact.js';
import { compactRecord } from '../engine/compact-record.js';
import { recordRequest } from '../engine/record-request.js';
import { runFlow, type RunOutcome } from '../engine/run-flow.js';
import type { Logger } from '../logger.js';
import type { ExecutionRecord, ExecutionStore, StoredFlow } from '../store/types.js';
import type { Slot } from './execution-slots.js';
import type { SharedServices } from './node-services.js';

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

/**
 * Starts executions and records them. Executions still running are kept in memory so that
 * their status can be read before their final record is written.
 */
export class Executor {
  private readonly running = new Map<string, ExecutionRecord>();
  /** Called with every final record once it is written (the error-handler flows listen here). */
  onFinished: ((record: ExecutionRecord) => void) | undefined;

  constructor(
    private readonly executions: ExecutionStore,
    private readonly services: SharedServices,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  execute(stored: StoredFlow, compiled: CompiledFlow, trigger: TriggerRequest, options: ExecuteOptions): Execution {
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
    this.running.set(id, record);
    // Named one by one: a spread here costs microseconds on every webhook.
    const { nextCounterValue, sendMail, fetch, credential } = this.services;
    /** The values of the credentials this execution resolved; made only when a node asks for one. */
    let secrets: string[] | undefined;
    let redactor: Redactor | undefined;
    const redact = () => (redactor ??= createRedactor(secrets!));
    const services: NodeServices = {
      nextCounterValue,
      sendMail,
      fetch,
      credential(name, type) {
        const fields = credential(name, type);
        (secrets ??= []).push(...secretValuesOf(type, fields));
        redactor = undefined;
        return fields;
      },
      respond: options.respond ?? (() => false),
      log: (message, details) => {
        const entry = { executionId: id, flowId: stored.flow.id, ...details };
        if (secrets) this.logger.info(redact().value(entry), redact().text(message));
        else this.logger.info(entry, message);
      },
    };
    const runNow = () => runFlow(compiled, trigger, { services, timeoutMs: this.timeoutMs });
    const ready = slot?.ready;
    const run = ready
      ? async () => {
          await ready;
          record.status = 'running';
          return runNow();
        }
      : runNow;
    const accepted = options.recordStart ? this.executions.save({ ...record }) : undefined;
    const outcome = accepted ? accepted.then(run) : run();
    void outcome.then(async (result) => {
      slot?.release();
      // Registered first, so this runs before the webhook handler reads the outcome: its caller
      // gets the error with the credentials redacted too (the result is the flow's own answer).
      if (secrets && result.error) result.error = redact().value(result.error);
      const compact = compactRecord(record, result, trigger);
      const final = secrets ? redact().value(compact) : compact;
      this.running.set(id, final);
      await this.save(final);
      this.running.delete(id);
      this.onFinished?.(final);
    }, () => {
      slot?.release();
      this.running.delete(id);
    });
    return { id, accepted: accepted ?? Promise.resolve(), outcome };
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

  /** An execution that is still running or whose final record is not written yet. */
  inFlight(id: string): ExecutionRecord | undefined {
    return this.running.get(id);
  }

  /** How many executions have not finished recording. */
  get inFlightCount(): number {
    return this.running.size;
  }
}

const omitted = '[omitted: too deeply nested to record]';

function withoutPayloads(record: ExecutionRecord, reason: string): ExecutionRecord {
  return {
    ...record,
    request: { ...record.request, body: omitted },
    nodes: record.nodes.map((node) => ({ ...node, input: node.input === undefined ? undefined : omitted, output: node.output === undefined ? undefined : omitted })),
    result: record.result === undefined ? undefined : omitted,
    truncated: `The execution's data could not be recorded: ${reason}`,
  };
}
