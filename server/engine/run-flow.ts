import { createActor, type Actor } from 'xstate';
import type { NodeResult, NodeServices, RunContext, TriggerRequest } from '../../nodes/define-node.js';
import { FlowTimeoutError } from '../errors.js';
import type { CompiledFlow } from './compile-flow.js';
import { attachRunner, type FlowContext, type FlowEvent, type NodeRunner } from './flow-machine.js';

/** What one node did in one execution. */
export interface NodeTrace {
  nodeId: string;
  type: string;
  status: 'running' | 'waiting' | 'succeeded' | 'failed';
  input: unknown;
  output?: unknown;
  port?: string;
  error?: string;
  startedAt: number;
  durationMs?: number;
}

export type RunStatus = 'succeeded' | 'failed' | 'timeout';

export interface RunOutcome {
  status: RunStatus;
  result: unknown;
  error?: { nodeId?: string; code: string; message: string };
  nodes: NodeTrace[];
  startedAt: number;
  durationMs: number;
}

export interface RunOptions {
  services: NodeServices;
  /** The whole execution's budget; past it the run stops and every node's signal aborts. */
  timeoutMs: number;
}

/**
 * Runs one execution of a compiled flow: one actor from the flow's machine, driven by node
 * results sent back as events. Resolves (never rejects) with the outcome and a per-node trace.
 *
 * @example
 * const outcome = await runFlow(compiled, request, { services, timeoutMs: 60_000 });
 * outcome.status; // 'succeeded'
 */
export function runFlow(compiled: CompiledFlow, trigger: TriggerRequest, options: RunOptions): Promise<RunOutcome> {
  return new FlowRun(compiled, trigger, options).outcome;
}

/**
 * One execution. It is the actor's node runner and its observer at once: one object per
 * request rather than a closure per callback, because this is the webhook hot path.
 */
class FlowRun implements NodeRunner {
  readonly outcome: Promise<RunOutcome>;
  private readonly nodes: NodeTrace[];
  private readonly actor: Actor<CompiledFlow['machine']>;
  private readonly startedAt = Date.now();
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private resolve!: (outcome: RunOutcome) => void;
  private stopped = false;
  abort: AbortController | undefined;

  constructor(
    private readonly compiled: CompiledFlow,
    trigger: TriggerRequest,
    readonly options: RunOptions,
  ) {
    this.nodes = [{ nodeId: compiled.trigger.node.id, type: 'webhook', status: 'succeeded', input: trigger, output: trigger, port: 'out', startedAt: this.startedAt, durationMs: 0 }];
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    this.actor = createActor(compiled.machine, { input: { trigger } });
    attachRunner(this.actor, this);
    this.timer = setTimeout(() => this.timeOut(), options.timeoutMs);
    this.actor.subscribe(this);
    this.actor.start();
  }

  start(nodeId: string, context: FlowContext): void {
    const prepared = this.compiled.nodes.get(nodeId)!;
    const inputs = context.arrivals[nodeId] ?? {};
    const input = prepared.definition.join ? inputs : lastValue(inputs);
    const trace: NodeTrace = { nodeId, type: prepared.node.type, status: 'running', input, startedAt: Date.now() };
    this.nodes.push(trace);
    if (!prepared.run) {
      trace.status = 'waiting';
      return;
    }
    const begun = performance.now();
    let result: NodeResult | Promise<NodeResult>;
    try {
      result = prepared.run(new NodeRunContext(this, input, inputs, context));
    } catch (error) {
      return this.fail(trace, begun, error);
    }
    if (isPromise(result)) {
      result.then(
        (value) => this.succeed(trace, begun, prepared.ports, value),
        (error: unknown) => this.fail(trace, begun, error),
      );
    } else {
      this.succeed(trace, begun, prepared.ports, result);
    }
  }

  waited(nodeId: string, context: FlowContext): void {
    const trace = this.nodes.findLast((entry) => entry.nodeId === nodeId);
    if (!trace) return;
    Object.assign(trace, { status: 'succeeded', output: context.outputs[nodeId] ?? trace.input, port: 'out' });
    trace.durationMs = Date.now() - trace.startedAt;
  }

  /** The actor reached a final state. */
  complete(): void {
    const snapshot = this.actor.getSnapshot();
    const failure = snapshot.context.error;
    if (failure) {
      this.settle('failed', undefined, { nodeId: failure.nodeId, code: 'NODE_FAILED', message: `Node "${failure.nodeId}" failed: ${failure.message}` });
    } else {
      this.settle('succeeded', snapshot.output);
    }
  }

  /** The machine itself failed (a bug in Hookflow, not in a node). */
  error(error: unknown): void {
    this.settle('failed', undefined, { code: 'ENGINE_ERROR', message: error instanceof Error ? error.message : String(error) });
  }

  private succeed(trace: NodeTrace, begun: number, ports: readonly string[], result: NodeResult): void {
    if (this.stopped) return;
    const port = result.port ?? 'out';
    if (!ports.includes(port)) return this.fail(trace, begun, new Error(`returned port "${port}", which it does not have`));
    trace.durationMs = round(performance.now() - begun);
    trace.status = 'succeeded';
    trace.output = result.output;
    trace.port = port;
    this.send({ type: `node.${trace.nodeId}`, port, output: result.output });
  }

  private fail(trace: NodeTrace, begun: number, error: unknown): void {
    if (this.stopped) return;
    const message = error instanceof Error ? error.message : String(error);
    trace.durationMs = round(performance.now() - begun);
    trace.status = 'failed';
    trace.error = message;
    this.send({ type: 'node.failed', nodeId: trace.nodeId, message });
  }

  private send(event: FlowEvent): void {
    if (!this.stopped) this.actor.send(event as never);
  }

  private timeOut(): void {
    const error = new FlowTimeoutError(this.options.timeoutMs);
    for (const trace of this.nodes) {
      if (trace.status === 'running' || trace.status === 'waiting') Object.assign(trace, { status: 'failed', error: 'stopped: the flow ran out of time' });
    }
    this.settle('timeout', undefined, { code: error.code, message: error.message });
  }

  private settle(status: RunStatus, result: unknown, error?: RunOutcome['error']): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort?.abort(stoppedReason);
    if (this.actor.getSnapshot().status === 'active') this.actor.stop();
    const outcome: RunOutcome = { status, result, nodes: this.nodes, startedAt: this.startedAt, durationMs: round(performance.now() - this.started) };
    if (error) outcome.error = error;
    this.resolve(outcome);
  }
}

/** What a node's run receives; its abort signal is made only when a node asks for it. */
class NodeRunContext implements RunContext {
  readonly scope: RunContext['scope'];
  readonly services: RunContext['services'];

  constructor(
    private readonly run: FlowRun,
    readonly input: unknown,
    readonly inputs: Record<string, unknown>,
    context: FlowContext,
  ) {
    this.scope = { trigger: context.trigger, nodes: context.outputs };
    this.services = run.options.services;
  }

  get signal(): AbortSignal {
    this.run.abort ??= new AbortController();
    return this.run.abort.signal;
  }
}

const isPromise = (value: unknown): value is Promise<NodeResult> => typeof (value as { then?: unknown } | null)?.then === 'function';

const stoppedReason = new Error('The execution has ended.');

function lastValue(inputs: Record<string, unknown>): unknown {
  let value: unknown;
  for (const key in inputs) value = inputs[key];
  return value;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
