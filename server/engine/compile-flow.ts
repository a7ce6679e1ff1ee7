import type { ExpressionLimits } from '../../nodes/expression.js';
import type { NodeRegistry } from '../../nodes/registry.js';
import { FlowValidationError, type FlowProblem } from '../errors.js';
import { FlowGraph } from './flow-graph.js';
import type { TriggerRequest } from '../../nodes/define-node.js';
import { firstContext, flowSetup, type FlowContext } from './flow-machine.js';
import { FlowStepper } from './flow-stepper.js';
import { prepareFlow, type PreparedFlow, type PreparedNode } from './prepare-flow.js';

export type FlowMachine = ReturnType<typeof flowSetup.createMachine>;

export interface CompiledFlow extends PreparedFlow {
  machine: FlowMachine;
  /** Whether any node's config mentions `$execution`: only then does a run get it (signing its resume URL costs). */
  usesExecution: boolean;
  /** Steps `machine` for every execution of this flow version. */
  stepper: FlowStepper;
}

type StateConfig = Record<string, unknown>;

/** One way out of a node: the port it fires, where it leads, and which nodes receive the item. */
interface Exit {
  port: string;
  target: string;
  deliverTo: string[];
}

/**
 * Compiles a flow document into an xstate machine: a state per node after the trigger (the
 * machine starts where the trigger's item goes, with that item delivered), guarded transitions per
 * output port, a parallel state per fan-out whose branches join at a merge node, and the final
 * states `_done` and `_failed`. A waiting node is a state like any other: its run asks the
 * execution to wait (NodeWait), and the execution sends its event when the wait ends.
 * Throws FlowValidationError listing every problem (document, config, expressions, shape).
 */
export function compileFlow(document: unknown, registry: NodeRegistry, limits?: ExpressionLimits): CompiledFlow {
  const prepared = prepareFlow(document, registry, limits);
  const builder = new MachineBuilder(prepared);
  const triggerId = prepared.trigger.node.id;
  const states = builder.region(triggerId, null, prepared.graph.reach(triggerId), '_done');
  if (builder.problems.length > 0) throw new FlowValidationError(builder.problems);
  // The trigger has fired by the time an execution starts: the machine begins where its item goes.
  const start = builder.entry;
  const deliverTo = start?.deliverTo ?? [];
  const machine = flowSetup.createMachine({
    id: prepared.flow.id,
    initial: start ? start.target.slice(1) : '_done',
    context: ({ input }: { input: { trigger: TriggerRequest } }) => firstContext(input.trigger, triggerId, deliverTo),
    states: { ...states, _done: { id: '_done', type: 'final' }, _failed: { id: '_failed', type: 'final' } },
    on: { 'node.failed': { target: '._failed', actions: 'recordFailure' } },
    output: ({ context }: { context: FlowContext }) => context.last,
  } as never);
  const usesExecution = prepared.flow.nodes.some((node) => JSON.stringify(node.config).includes('$execution'));
  return { ...prepared, machine, usesExecution, stepper: new FlowStepper(machine) };
}

class MachineBuilder {
  readonly problems: FlowProblem[] = [];
  /** Where the trigger's item goes (absent when nothing is wired to the trigger). */
  entry: Exit | undefined;
  private readonly owner = new Map<string, string>();
  private counter = 0;

  private readonly graph: FlowGraph;

  constructor(private readonly prepared: PreparedFlow) {
    this.graph = prepared.graph;
  }

  /**
   * The states of one sequential region: the nodes reachable from `entry` within `within`,
   * stopping at `stop` (the join that ends the region). `endId` is the region's final state.
   */
  region(entry: string, stop: string | null, within: ReadonlySet<string>, endId: string): Record<string, StateConfig> {
    const states: Record<string, StateConfig> = {};
    const queue = [entry];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (id in states) continue;
      const owner = this.owner.get(id);
      if (owner !== undefined && owner !== endId) {
        this.problems.push(crossing(id));
        continue;
      }
      this.owner.set(id, endId);
      states[id] = {};
      const exits = this.exits(id, stop, within, endId, states, queue);
      const prepared = this.prepared.nodes.get(id)!;
      if (prepared.definition.category === 'trigger') {
        delete states[id];
        this.entry = exits[0];
      } else {
        states[id] = this.nodeState(prepared, exits, endId);
      }
    }
    return states;
  }

  private exits(
    id: string,
    stop: string | null,
    within: ReadonlySet<string>,
    endId: string,
    states: Record<string, StateConfig>,
    queue: string[],
  ): Exit[] {
    const exits: Exit[] = [];
    for (const [port, targets] of this.graph.targets(id)) {
      if (targets.length === 1) {
        const target = targets[0]!;
        if (target !== stop) queue.push(target);
        exits.push({ port, target: `#${target === stop ? endId : target}`, deliverTo: [target] });
        continue;
      }
      const fork = this.fork(id, port, targets, stop, within, endId);
      states[fork.key] = fork.state;
      if (fork.join && fork.join !== stop) queue.push(fork.join);
      exits.push({ port, target: `#${fork.key}`, deliverTo: targets });
    }
    return exits;
  }

  /** A parallel state with one branch per target; its branches end where they meet (`join`). */
  private fork(id: string, port: string, targets: string[], stop: string | null, within: ReadonlySet<string>, endId: string) {
    const key = `_fork${++this.counter}`;
    const candidates = new Set(within);
    if (stop) candidates.add(stop);
    const join = this.graph.meetingPoint(targets, candidates);
    const afterJoin = join ? this.graph.reach(join) : new Set<string>();
    if (join && join !== stop && !this.prepared.nodes.get(join)!.definition.join) {
      this.problems.push({
        path: 'edges',
        nodeId: join,
        message: `Node "${join}" is reached by the parallel branches that start at "${id}" (port "${port}"); only a Merge node can join parallel branches. Put a Merge node before "${join}".`,
      });
    }
    const seen = new Map<string, string>();
    const branches: Record<string, StateConfig> = {};
    targets.forEach((target, index) => {
      const members = new Set([...this.graph.reach(target)].filter((node) => within.has(node) && !afterJoin.has(node)));
      for (const member of members) {
        const other = seen.get(member);
        if (other !== undefined) this.problems.push(overlap(id, port, member));
        seen.set(member, target);
      }
      const branchEnd = `_end${++this.counter}`;
      branches[`branch${index}`] = {
        initial: target,
        states: { ...this.region(target, join, members, branchEnd), _end: { id: branchEnd, type: 'final' } },
      };
    });
    const onDone =
      join && join !== stop
        ? [{ guard: { type: 'arrived', params: { nodeId: join } }, target: `#${join}` }, { target: `#${endId}` }]
        : { target: `#${endId}` };
    return { key, join, state: { id: key, type: 'parallel', states: branches, onDone } };
  }

  private nodeState(prepared: PreparedNode, exits: Exit[], endId: string): StateConfig {
    const { node } = prepared;
    const transition = (exit: Exit) => ({
      guard: { type: 'tookPort', params: { port: exit.port } },
      target: exit.target,
      actions: { type: 'recordOutput', params: { nodeId: node.id, deliverTo: exit.deliverTo } },
    });
    const end = { target: `#${endId}`, actions: { type: 'recordOutput', params: { nodeId: node.id, deliverTo: [] } } };
    return {
      id: node.id,
      entry: { type: 'runNode', params: { nodeId: node.id } },
      on: { [`node.${node.id}`]: [...exits.map(transition), end] },
    };
  }
}

function crossing(nodeId: string): FlowProblem {
  return {
    path: 'edges',
    nodeId,
    message: `Node "${nodeId}" is reached both from inside a set of parallel branches and from outside it; connect the branches through a Merge node first.`,
  };
}

function overlap(id: string, port: string, member: string): FlowProblem {
  return {
    path: 'edges',
    nodeId: member,
    message: `The parallel branches that start at "${id}" (port "${port}") both lead to node "${member}" before they meet at a Merge node; join them with a Merge node first.`,
  };
}
