import { assign, setup, type AnyActorRef } from 'xstate';
import type { TriggerRequest } from '../../nodes/define-node.js';

/** The extended state of one execution: everything needed to resume it from a snapshot. */
export interface FlowContext {
  trigger: TriggerRequest;
  /** Output of every node that has finished, by node id. */
  outputs: Record<string, unknown>;
  /** Items delivered to a node that has not run yet: target id → source id → item. */
  arrivals: Record<string, Record<string, unknown>>;
  /** Output of the node that finished last: the flow's result. */
  last: unknown;
  error?: { nodeId: string; message: string };
}

export type FlowEvent =
  | { type: `node.${string}`; port: string; output: unknown }
  | { type: 'node.failed'; nodeId: string; message: string };

/** The runner of one execution: it starts nodes when their states are entered and answers with events. */
export interface NodeRunner {
  start(nodeId: string, context: FlowContext): void;
  /** A waiting node's time has passed. */
  waited(nodeId: string, context: FlowContext): void;
}

const runners = new WeakMap<AnyActorRef, NodeRunner>();

/** Connects a running actor to the runner that executes its nodes. */
export function attachRunner(actor: AnyActorRef, runner: NodeRunner): void {
  runners.set(actor, runner);
}

interface DeliverParams {
  nodeId: string;
  deliverTo: readonly string[];
}

function deliver(context: FlowContext, { nodeId, deliverTo }: DeliverParams, output: unknown): Partial<FlowContext> {
  const arrivals = { ...context.arrivals };
  for (const target of deliverTo) arrivals[target] = { ...arrivals[target], [nodeId]: output };
  return { outputs: { ...context.outputs, [nodeId]: output }, arrivals, last: output };
}

/**
 * The implementations every compiled flow shares; a compiled machine's config is plain data
 * that refers to these by name.
 */
export const flowSetup = setup({
  types: {
    context: {} as FlowContext,
    events: {} as FlowEvent,
    input: {} as { trigger: TriggerRequest },
    output: {} as unknown,
  },
  actions: {
    runNode: ({ context, self }, params: { nodeId: string }) => runners.get(self)?.start(params.nodeId, context),
    nodeWaited: ({ context, self }, params: { nodeId: string }) => runners.get(self)?.waited(params.nodeId, context),
    recordOutput: assign(({ context, event }, params: DeliverParams) =>
      deliver(context, params, (event as { output?: unknown }).output),
    ),
    recordTrigger: assign(({ context }, params: DeliverParams) => deliver(context, params, context.trigger)),
    /** A waiting node (delay) passes on the item it received. */
    passThrough: assign(({ context }, params: DeliverParams) =>
      deliver(context, params, Object.values(context.arrivals[params.nodeId] ?? {}).at(-1)),
    ),
    recordFailure: assign(({ event }) => {
      const failure = event as { nodeId: string; message: string };
      return { error: { nodeId: failure.nodeId, message: failure.message } };
    }),
  },
  guards: {
    tookPort: ({ event }, params: { port: string }) => (event as { port?: string }).port === params.port,
    arrived: ({ context }, params: { nodeId: string }) => context.arrivals[params.nodeId] !== undefined,
  },
});
