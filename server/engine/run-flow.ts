import { createActor } from 'xstate';
import type { NodeServices, TriggerRequest } from '../../nodes/define-node.js';
import { FlowTimeoutError } from '../errors.js';
import type { CompiledFlow } from './compile-flow.js';
import { attachRunner, type FlowContext, type FlowEvent } from './flow-machine.js';
import type { PreparedNode } from './prepare-flow.js';

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
  const startedAt = Date.now();
  const started = performance.now();
  let abort: AbortController | undefined;
  const nodes: NodeTrace[] = [
    { nodeId: compiled.trigger.node.id, type: 'webhook', status: 'succeeded', input: trigger, output: trigger, port: 'out', startedAt, durationMs: 0 },
  ];
  const actor = createActor(compiled.machine, { input: { trigger } });
  let stopped = false;
  const send = (event: FlowEvent) => {
    if (!stopped) actor.send(event as never);
  };

  const finish = (trace: NodeTrace, begun: number) => {
    trace.durationMs = round(performance.now() - begun);
  };

  attachRunner(actor, {
    start(nodeId, context) {
      const prepared = compiled.nodes.get(nodeId)!;
      const inputs = context.arrivals[nodeId] ?? {};
      const input = prepared.definition.join ? inputs : lastValue(inputs);
      const trace: NodeTrace = { nodeId, type: prepared.node.type, status: 'running', input, startedAt: Date.now() };
      nodes.push(trace);
      if (!prepared.run) {
        trace.status = 'waiting';
        return;
      }
      const begun = performance.now();
      execute(prepared, input, inputs, context).then(
        (result) => {
          finish(trace, begun);
          const port = result.port ?? 'out';
          if (!prepared.ports.includes(port)) {
            return fail(trace, `returned port "${port}", which it does not have`);
          }
          Object.assign(trace, { status: 'succeeded', output: result.output, port });
          send({ type: `node.${nodeId}`, port, output: result.output });
        },
        (error: unknown) => {
          finish(trace, begun);
          fail(trace, error instanceof Error ? error.message : String(error));
        },
      );
    },
    waited(nodeId, context) {
      const trace = nodes.findLast((entry) => entry.nodeId === nodeId);
      if (!trace) return;
      Object.assign(trace, { status: 'succeeded', output: context.outputs[nodeId] ?? trace.input, port: 'out' });
      trace.durationMs = Date.now() - trace.startedAt;
    },
  });

  const fail = (trace: NodeTrace, message: string) => {
    Object.assign(trace, { status: 'failed', error: message });
    send({ type: 'node.failed', nodeId: trace.nodeId, message });
  };

  const execute = async (prepared: PreparedNode, input: unknown, inputs: Record<string, unknown>, context: FlowContext) =>
    prepared.run!({
      input,
      inputs,
      scope: { trigger: context.trigger, nodes: context.outputs },
      get signal() {
        abort ??= new AbortController();
        return abort.signal;
      },
      services: options.services,
    });

  return new Promise<RunOutcome>((resolve) => {
    const settle = (outcome: Omit<RunOutcome, 'nodes' | 'startedAt' | 'durationMs'>) => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      abort?.abort(stoppedReason);
      actor.stop();
      resolve({ ...outcome, nodes, startedAt, durationMs: round(performance.now() - started) });
    };
    const timer = setTimeout(() => {
      const error = new FlowTimeoutError(options.timeoutMs);
      for (const trace of nodes) if (trace.status === 'running' || trace.status === 'waiting') Object.assign(trace, { status: 'failed', error: 'stopped: the flow ran out of time' });
      settle({ status: 'timeout', result: undefined, error: { code: error.code, message: error.message } });
    }, options.timeoutMs);
    actor.subscribe({
      complete() {
        const snapshot = actor.getSnapshot();
        const failure = snapshot.context.error;
        if (failure) {
          settle({ status: 'failed', result: undefined, error: { nodeId: failure.nodeId, code: 'NODE_FAILED', message: `Node "${failure.nodeId}" failed: ${failure.message}` } });
        } else {
          settle({ status: 'succeeded', result: snapshot.output });
        }
      },
      error(error) {
        settle({ status: 'failed', result: undefined, error: { code: 'ENGINE_ERROR', message: error instanceof Error ? error.message : String(error) } });
      },
    });
    actor.start();
  });
}

const stoppedReason = new Error('The execution has ended.');

function lastValue(inputs: Record<string, unknown>): unknown {
  let value: unknown;
  for (const key in inputs) value = inputs[key];
  return value;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
