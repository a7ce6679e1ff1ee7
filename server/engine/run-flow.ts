import type { StateValue } from 'xstate';
import type { ExecutionInfo, NodeResult, NodeServices, NodeWait, RunContext, TriggerRequest } from '../../nodes/define-node.js';
import { FlowTimeoutError } from '../errors.js';
import type { CompiledFlow } from './compile-flow.js';
import type { FlowContext, FlowEvent, NodeEffects } from './flow-machine.js';
import type { FlowAction, FlowSnapshot, Step } from './flow-stepper.js';
import { LongTimer } from './long-timer.js';
import { runWithPolicy } from './node-policy.js';

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

/** How a waiting node's wait ends on its own, and whether a resume call may end it first. */
export type PendingWait = NodeWait['wait'];

/** Everything needed to carry on with an execution in another process: what gets persisted. */
export interface RunState {
  /** The machine's state value and context (xstate's persisted snapshot, minus what compiles back). */
  value: StateValue;
  context: FlowContext;
  /** The nodes waiting, by id. */
  waits: Record<string, PendingWait>;
  /** Nodes whose run had begun and not finished: they are run again. */
  running: string[];
  /** Running time used so far (waits excluded), against the execution's time budget. */
  activeMs: number;
}

/** Where a persisting runner (the Executor) learns what to store. */
export interface RunHooks {
  /** Whether checkpoints are kept (the execution's start is on disk); without, `checkpoint` is never called. */
  readonly durable: boolean;
  /** Every active node is waiting: the run's budget pauses until a wait ends. `traces` is the trace so far. */
  waiting(state: RunState, traces: readonly NodeTrace[]): void;
  /** An action node has finished (its effect happened): a restart should not repeat it. */
  checkpoint(state: RunState, traces: readonly NodeTrace[]): void;
}

export interface RunOptions {
  services: NodeServices;
  /** The running-time budget; past it the run stops and every node's signal aborts. */
  timeoutMs: number;
  /** `$execution` in expressions. */
  execution?: ExecutionInfo;
  /** Without hooks (previews, `hookflow run`) nothing is persisted and waits count against the budget. */
  hooks?: RunHooks;
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
  return FlowRun.start(compiled, trigger, options).outcome;
}

/**
 * One execution: it steps the flow version's machine (see FlowStepper) and performs the effects
 * each step asks for. One object per request rather than a closure per callback, because this
 * is the webhook hot path. A run can be started from the trigger or restored from a RunState.
 */
export class FlowRun {
  readonly outcome: Promise<RunOutcome>;
  private snapshot!: FlowSnapshot;
  private readonly startedAt: number;
  private readonly started: number;
  private timer: NodeJS.Timeout | undefined;
  private activeSince = 0;
  private activeMs = 0;
  private resolve!: (outcome: RunOutcome) => void;
  private stopped = false;
  /** True while a step's effects are performed; events sent meanwhile wait in `queue`. */
  private stepping = false;
  private readonly queue: FlowEvent[] = [];
  /** How many nodes' (asynchronous) runs are in progress. */
  private active = 0;
  /** Waiting nodes, with the timer that ends each wait; made when a node first waits. */
  private waits: Map<string, { wait: PendingWait; timer: LongTimer; trace: NodeTrace }> | undefined;
  /** Set while every active node waits (the budget is paused and the hooks were told). */
  private idle = false;
  private checkpointDue = false;
  abort: AbortController | undefined;

  private constructor(
    private readonly compiled: CompiledFlow,
    private readonly nodes: NodeTrace[],
    readonly options: RunOptions,
    startedAt: number,
  ) {
    this.startedAt = startedAt;
    this.started = performance.now() - (Date.now() - startedAt);
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
  }

  /** Starts an execution on a trigger request. */
  static start(compiled: CompiledFlow, trigger: TriggerRequest, options: RunOptions): FlowRun {
    const startedAt = Date.now();
    const trace: NodeTrace = { nodeId: compiled.trigger.node.id, type: compiled.trigger.node.type, status: 'succeeded', input: trigger, output: trigger, port: 'out', startedAt, durationMs: 0 };
    const run = new FlowRun(compiled, [trace], options, startedAt);
    run.activate();
    run.process(() => compiled.stepper.initial(trigger));
    return run;
  }

  /**
   * Carries on with a persisted execution: its waits are armed again (one already due ends at
   * once) and the nodes that were running when it was persisted run again. `nodes` is its trace so
   * far; a trace of an interrupted node is replaced by the new run's.
   */
  static restore(compiled: CompiledFlow, state: RunState, nodes: NodeTrace[], startedAt: number, options: RunOptions): FlowRun {
    const rerun = new Set(state.running);
    const traces = nodes.filter((trace) => !(rerun.has(trace.nodeId) && trace.status === 'running'));
    const run = new FlowRun(compiled, traces, options, startedAt);
    run.activeMs = state.activeMs;
    const snapshot = compiled.stepper.restore(state.value, state.context);
    for (const [nodeId, wait] of Object.entries(state.waits)) {
      const trace = traces.findLast((entry) => entry.nodeId === nodeId) ?? run.trace(nodeId, state.context);
      trace.status = 'waiting';
      run.arm(nodeId, wait, trace);
    }
    run.idle = rerun.size === 0 && run.waits !== undefined && options.hooks !== undefined;
    if (!run.idle) run.activate();
    const actions = state.running.map((nodeId): FlowAction => ({ type: 'runNode', params: { nodeId }, info: { context: state.context } }));
    run.process(() => ({ snapshot, actions }));
    return run;
  }

  /** The state to persist now. */
  state(): RunState {
    const waits: Record<string, PendingWait> = {};
    for (const [nodeId, { wait }] of this.waits ?? []) waits[nodeId] = wait;
    const activeMs = this.activeMs + (this.idle ? 0 : performance.now() - this.activeSince);
    const running = this.nodes.filter((trace) => trace.status === 'running').map((trace) => trace.nodeId);
    return { value: this.snapshot.value, context: this.snapshot.context, waits, running, activeMs: round(activeMs) };
  }

  /** The trace so far (live: it keeps changing while the run goes on). */
  get traces(): readonly NodeTrace[] {
    return this.nodes;
  }

  /** Whether every node under way is waiting (nothing runs until a wait ends). */
  get isIdle(): boolean {
    return this.idle || this.stopped;
  }

  /** Whether the run has ended (or was interrupted). */
  get finished(): boolean {
    return this.stopped;
  }

  /** A resume call: the first node waiting for one goes on from `out` with `request` as its item. False when none waits. */
  resumeWith(request: unknown): boolean {
    for (const [nodeId, waiting] of this.waits ?? []) {
      if (!waiting.wait.webhook) continue;
      this.endWait(nodeId, 'out', request);
      return true;
    }
    return false;
  }

  /**
   * Stops the run where it is without an outcome (the server shuts down): timers are cleared,
   * running nodes aborted. Returns the state to persist, in which those nodes are still running.
   */
  interrupt(): RunState {
    const state = this.state();
    this.stopped = true;
    clearTimeout(this.timer);
    for (const { timer } of this.waits?.values() ?? []) timer.cancel();
    this.abort?.abort(interruptedReason);
    return state;
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
    if (this.options.hooks && !this.stopped) this.report(this.options.hooks);
  }

  /** Tells the hooks when the run has become idle, or an action's effect should be remembered. */
  private report(hooks: RunHooks): void {
    if (!this.idle && this.active === 0 && this.waits?.size) {
      this.pause();
      this.checkpointDue = false;
      return hooks.waiting(this.state(), this.nodes);
    }
    if (this.checkpointDue) {
      this.checkpointDue = false;
      if (hooks.durable) hooks.checkpoint(this.state(), this.nodes);
    }
  }

  private take({ snapshot, actions }: Step): void {
    this.snapshot = snapshot;
    for (const action of actions) this.perform(action);
    if (snapshot.status === 'done') this.complete();
  }

  private perform({ type, params, info }: FlowAction): void {
    if (type === 'runNode') return this.run((params as NodeEffects['runNode']).nodeId, info.context);
    throw new Error(`The flow's machine asked for an effect Hookflow does not know: "${type}".`);
  }

  private trace(nodeId: string, context: FlowContext): NodeTrace {
    const prepared = this.compiled.nodes.get(nodeId)!;
    const inputs = context.arrivals[nodeId] ?? {};
    const trace: NodeTrace = { nodeId, type: prepared.node.type, status: 'running', input: prepared.definition.join ? inputs : lastValue(inputs), startedAt: Date.now() };
    this.nodes.push(trace);
    return trace;
  }

  private run(nodeId: string, context: FlowContext): void {
    const prepared = this.compiled.nodes.get(nodeId)!;
    const trace = this.trace(nodeId, context);
    const inputs = context.arrivals[nodeId] ?? {};
    const begun = performance.now();
    let result: NodeResult | NodeWait | Promise<NodeResult | NodeWait>;
    try {
      const policy = prepared.policy;
      if (policy) {
        const attempt = (signal: AbortSignal) => prepared.run!(new NodeRunContext(this, trace.input, inputs, context, signal)) as NodeResult | Promise<NodeResult>;
        const onRetry = ({ attempt: failed }: { attempt: number }) => void (trace.attempts = failed + 1);
        result = runWithPolicy(policy, attempt, { input: trace.input, ports: prepared.ports, signal: this.signal, onRetry }).then(({ result: last, failure }) => {
          if (failure) trace.error = failure.message;
          return last;
        });
      } else {
        result = prepared.run!(new NodeRunContext(this, trace.input, inputs, context));
      }
    } catch (error) {
      return this.fail(trace, begun, error);
    }
    if (isPromise(result)) {
      this.active += 1;
      result.then(
        (value) => this.settleNode(trace, begun, prepared.ports, value, true),
        (error: unknown) => this.fail(trace, begun, error, true),
      );
    } else {
      this.settleNode(trace, begun, prepared.ports, result, false);
    }
  }

  get signal(): AbortSignal {
    this.abort ??= new AbortController();
    return this.abort.signal;
  }

  private settleNode(trace: NodeTrace, begun: number, ports: readonly string[], result: NodeResult | NodeWait, async: boolean): void {
    if (async) this.active -= 1;
    if ('wait' in result) return this.beginWait(trace, result.wait);
    this.succeed(trace, begun, ports, result);
  }

  private beginWait(trace: NodeTrace, wait: PendingWait): void {
    if (this.stopped) return;
    trace.status = 'waiting';
    this.arm(trace.nodeId, wait, trace);
  }

  private arm(nodeId: string, wait: PendingWait, trace: NodeTrace): void {
    const timer = new LongTimer(wait.until, () => this.endWait(nodeId, wait.timeoutPort, trace.input));
    (this.waits ??= new Map()).set(nodeId, { wait, timer, trace });
  }

  /** A wait is over: its time has come, or a resume call arrived. */
  private endWait(nodeId: string, port: string, output: unknown): void {
    const waiting = this.waits?.get(nodeId);
    if (!waiting || this.stopped) return;
    waiting.timer.cancel();
    this.waits!.delete(nodeId);
    if (this.idle) this.activate();
    const { trace } = waiting;
    Object.assign(trace, { status: 'succeeded', output, port, durationMs: Date.now() - trace.startedAt });
    this.send({ type: `node.${nodeId}`, port, output });
  }

  /** Starts (or restarts) the running-time budget. */
  private activate(): void {
    this.idle = false;
    this.activeSince = performance.now();
    this.timer = setTimeout(() => this.timeOut(), Math.max(0, this.options.timeoutMs - this.activeMs));
  }

  /** Every active node waits: the budget stops counting. */
  private pause(): void {
    this.idle = true;
    this.activeMs += performance.now() - this.activeSince;
    clearTimeout(this.timer);
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
    if (this.options.hooks?.durable && this.compiled.nodes.get(trace.nodeId)!.definition.category === 'action') this.checkpointDue = true;
    this.send({ type: `node.${trace.nodeId}`, port, output: result.output });
  }

  private fail(trace: NodeTrace, begun: number, error: unknown, async = false): void {
    if (async) this.active -= 1;
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
    for (const { timer } of this.waits?.values() ?? []) timer.cancel();
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
    private readonly attemptSignal?: AbortSignal,
  ) {
    this.scope = { trigger: context.trigger, nodes: context.outputs, execution: run.options.execution };
    this.services = run.options.services;
  }

  get signal(): AbortSignal {
    return this.attemptSignal ?? this.run.signal;
  }
}

const isPromise = <T>(value: unknown): value is Promise<T> => typeof (value as { then?: unknown } | null)?.then === 'function';

const stoppedReason = new Error('The execution has ended.');
const interruptedReason = new Error('The server is shutting down; the execution resumes after the restart.');

function lastValue(inputs: Record<string, unknown>): unknown {
  let value: unknown;
  for (const key in inputs) value = inputs[key];
  return value;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
