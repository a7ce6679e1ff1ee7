import { createActor, type ActorScope, type AnyMachineSnapshot, type MachineSnapshot, type StateValue } from 'xstate';
import type { TriggerRequest } from '../../nodes/define-node.js';
import type { FlowContext, FlowEvent } from './flow-machine.js';
import type { FlowMachine } from './compile-flow.js';

export type FlowSnapshot = MachineSnapshot<FlowContext, FlowEvent, never, never, never, unknown, never, never>;

/** An effect the machine asks for, as xstate hands it over: its type, its parameters and the context it saw. */
export interface FlowAction {
  type: string;
  params: Record<string, unknown> | undefined;
  info: { context: FlowContext };
}

export interface Step {
  snapshot: FlowSnapshot;
  actions: FlowAction[];
}

/**
 * Steps a compiled machine with xstate's pure transition functions (the machine's own
 * `getInitialSnapshot` and `transition`): each call returns the next snapshot and the effects to
 * perform, and performs none of them. One stepper serves every execution of a flow version, so a
 * request creates snapshots, not an actor with its own system, mailbox and observers; that is
 * what xstate's `initialTransition`/`transition` helpers do too, except that they build a fresh
 * inert actor for every call. Not re-entrant: the caller performs the effects after a step returns.
 */
export class FlowStepper {
  readonly #machine: FlowMachine;
  readonly #scope: ActorScope<AnyMachineSnapshot, FlowEvent>;
  #collected: FlowAction[] = [];

  constructor(machine: FlowMachine) {
    this.#machine = machine;
    // The scope's `self` is never started; it exists because xstate passes it to every action.
    const self = createActor(machine, { input: { trigger: { method: 'GET', path: '', headers: {}, query: {}, params: {}, body: undefined } } });
    this.#scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      system: self.system,
      stopChild: () => {},
      emit: () => {},
      actionExecutor: (action: unknown) => void this.#collected.push(action as FlowAction),
    } as unknown as ActorScope<AnyMachineSnapshot, FlowEvent>;
  }

  /** The snapshot an execution starts in, and the effects of entering it. */
  initial(trigger: TriggerRequest): Step {
    return this.#step(() => this.#machine.getInitialSnapshot(this.#scope as never, { trigger }));
  }

  /** A persisted execution's snapshot, rebuilt from its state value and context (no effects run). */
  restore(value: StateValue, context: FlowContext): FlowSnapshot {
    return this.#machine.resolveState({ value, context } as never) as unknown as FlowSnapshot;
  }

  /** The snapshot after `event`, and the effects of the transitions it took. */
  next(snapshot: FlowSnapshot, event: FlowEvent): Step {
    return this.#step(() => this.#machine.transition(snapshot as never, event as never, this.#scope as never));
  }

  #step(transition: () => unknown): Step {
    const actions: FlowAction[] = [];
    this.#collected = actions;
    try {
      return { snapshot: transition() as FlowSnapshot, actions };
    } finally {
      this.#collected = [];
    }
  }
}
