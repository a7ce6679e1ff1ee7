import type { NodeResult, NodeServices, RunContext, TriggerRequest } from '../../nodes/define-node.js';
import { FlowTimeoutError } from '../errors.js';
import type { CompiledFlow } from './compile-flow.js';
import type { FlowContext, FlowEvent, NodeEffects } from './flow-machine.js';
import type { FlowAction, FlowSnapshot, Step } from './flow-stepper.js';

/** What one node did in one execution. */
export interface NodeTrace {
  nodeId: string;
  type: string;
  status: 'running' | 'waiting' | 'succeeded' | 'failed';
  input: unknown;
  output?: unknown;
  port?: string;
  error?: string;
  /** How many times the node was tried, when its retry policy tried it more than once. */
  attempts?: number;
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
 * Runs one execution of a compiled flow: the flow's machine, stepped from its initial snapshot by
 * node results sent back as events. Resolves (never rejects) with the outcome and a per-node trace.
 *
 * @example
 * const outcome = await runFlow(compiled, request, { services, timeoutMs: 60_000 });
 * outcome.status; // 'succeeded'
 */
export function runFlow(compiled: CompiledFlow, trigger: TriggerRequest, options: RunOptions): Promise<RunOutcome> {
  return new FlowRun(compiled, trigger, options).outcome;
}

/**
 * One execution: it steps the flow version's machine (see FlowStepper) and performs the effects
 * each step asks for. One object per request rather than a closure per callback, because this
 * is the webhook hot path.
 */
class FlowRun {
  readonly outcome: Promise<RunOutcome>;
  private readonly nodes: NodeTrace[];
  private snapshot!: FlowSnapshot;
  private readonly startedAt = Date.now();
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private resolve!: (outcome: RunOutcome) => void;
  private stopped = false;
  /** True while a step's effects are performed; events sent meanwhile wait in `queue`. */
  private stepping = false;
  private readonly queue: FlowEvent[] = [];
  /** Delayed events of `after` transitions, by the id xstate cancels them with. */
  private delayed: Map<string, NodeJS.Timeout> | undefined;
  abort: AbortController | undefined;

  constructor(
    private readonly compiled: CompiledFlow,
    trigger: TriggerRequest,
    readonly options: RunOptions,
  ) {
    this.nodes = [{ nodeId: compiled.trigger.node.id, type: 'webhook', status: 'succeeded', input: trigger, output: trigger, port: 'out', startedAt: this.startedAt, durationMs: 0 }];
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    this.timer = setTimeout(() => this.timeOut(), options.timeoutMs);
    this.process(() => compiled.stepper.initial(trigger));
  }

  private send(event: FlowEvent): void {
    if (this.stopped) return;
    if (this.stepping) return void this.queue.push(event);
    this.process(() => this.compiled.stepper.next(this.snapshot, event));
  }

  /** Takes the `first` step and performs its effects, then does the same for every event they sent. */
  private process(first: () => Step): void {
    this.stepping = true;
    try {
      this.take(first());
      for (let event = this.queue.shift(); event !== undefined && !this.stopped; event = this.queue.shift()) {
        this.take(this.compiled.stepper.next(this.snapshot, event));
      }
    } catch (error) {
      this.error(error);
    } finally {
      this.stepping = false;
    }
  }

  private take({ snapshot, actions }: Step): void {
    this.snapshot = snapshot;
    for (const action of actions) this.perform(action);
    if (snapshot.status === 'done') this.complete();
  }

  private perform({ type, params, info }: FlowAction): void {
    switch (type) {
      case 'runNode':
        return this.start((params as NodeEffects['runNode']).nodeId, info.context);
      case 'nodeWaited':
        return this.waited((params as NodeEffects['nodeWaited']).nodeId, info.context);
      case 'xstate.raise':
        return this.schedule(params as { event: FlowEvent; delay?: number; id: string });
      case 'xstate.cancel':
        return this.cancel((params as { sendId: string }).sendId);
      default:
        throw new Error(`The flow's machine asked for an effect Hookflow does not know: "${type}".`);
    }
  }

  /** An `after` transition's event, delivered once its delay has passed unless its state is left first. */
  private schedule({ event, delay, id }: { event: FlowEvent; delay?: number; id: string }): void {
    if (delay === undefined) return;
    this.delayed ??= new Map();
    this.delayed.set(
      id,
      setTimeout(() => {
        this.delayed?.delete(id);
        this.send(event);
      }, delay),
    );
  }

  private cancel(id: string): void {
    clearTimeout(this.delayed?.get(id));
    this.delayed?.delete(id);
  }

  private start(nodeId: string, context: FlowContext): void {
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

  private waited(nodeId: string, context: FlowContext): void {
    const trace = this.nodes.findLast((entry) => entry.nodeId === nodeId);
    if (!trace) return;
    Object.assign(trace, { status: 'succeeded', output: context.outputs[nodeId] ?? trace.input, port: 'out' });
    trace.durationMs = Date.now() - trace.startedAt;
  }

  /** The machine reached a final state. */
  private complete(): void {
    const snapshot = this.snapshot;
    const failure = snapshot.context.error;
    if (failure) {
      this.settle('failed', undefined, { nodeId: failure.nodeId, code: 'NODE_FAILED', message: `Node "${failure.nodeId}" failed: ${failure.message}` });
    } else {
      this.settle('succeeded', snapshot.output);
    }
  }

  /** The machine itself failed (a bug in Hookflow, not in a node). */
  private error(error: unknown): void {
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
    for (const timer of this.delayed?.values() ?? []) clearTimeout(timer);
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
