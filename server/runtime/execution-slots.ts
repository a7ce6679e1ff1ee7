import { BusyError } from './busy-error.js';

/** A flow's own limit (the webhook trigger's `concurrency` setting). */
export interface ConcurrencyLimit {
  /** Executions of the flow running at once. */
  limit: number;
  /** Executions of the flow waiting for one of those places. */
  queue: number;
}

/** One execution's place: it may run once `ready` resolves, and gives the place back with `release`. */
export interface Slot {
  /** Resolves when the execution may start; undefined when it may start at once. */
  readonly ready: Promise<void> | undefined;
  /** Frees the place, or leaves the queue when it never started. Call it once: the shared slot of an unlimited execution cannot tell a second call. */
  release(): void;
}

/** The executions of one limited flow: how many hold its places, and who waits for one (FIFO). */
interface Lane {
  readonly flowId: string;
  limit: number;
  running: number;
  readonly waiting: Waiter[];
}

class Waiter implements Slot {
  ready: Promise<void> | undefined;
  state: 'flow' | 'server' | 'running' | 'done' = 'running';
  private start: (() => void) | undefined;

  constructor(
    private readonly slots: ExecutionSlots,
    readonly lane: Lane | undefined,
  ) {}

  /** Makes `ready` a promise that `begin` resolves. */
  wait(state: 'flow' | 'server'): this {
    this.state = state;
    this.ready ??= new Promise((resolve) => (this.start = resolve));
    return this;
  }

  begin(): void {
    this.state = 'running';
    this.start?.();
  }

  release(): void {
    this.slots.release(this);
  }
}

/**
 * Places for executions: at most `maxRunning` run at once across all flows and `maxQueued` wait
 * (in a flow's queue or the server's), so a flood costs bounded memory instead of growing without
 * end. A flow with a concurrency limit also runs at most `limit` at once, `queue` more waiting.
 * Waiters start in arrival order. A flow without a limit on a server below its limit costs one
 * increment and one decrement.
 * @example const slot = slots.reserve('orders', { limit: 1, queue: 10 }); await slot.ready; … slot.release();
 */
export class ExecutionSlots {
  private running = 0;
  /** Waiters in a flow's queue or the server's: bounded by `maxQueued`. */
  private waiting = 0;
  private readonly serverQueue: Waiter[] = [];
  private readonly lanes = new Map<string, Lane>();
  /** The slot of every unlimited execution that started at once: it holds no state of its own. */
  private readonly immediate: Slot = {
    ready: undefined,
    release: () => {
      this.running -= 1;
      if (this.serverQueue.length) this.drainServerQueue();
    },
  };

  constructor(
    private readonly maxRunning: number,
    private readonly maxQueued: number,
  ) {}

  /**
   * A place for one execution of `flowId`, limited by `limit` when given. Throws BusyError (429)
   * when the flow's queue is full, BusyError (503) when the server's is; nothing is held then.
   */
  reserve(flowId: string, limit: ConcurrencyLimit | undefined): Slot {
    if (!limit) {
      if (this.running < this.maxRunning && !this.serverQueue.length) {
        this.running += 1;
        return this.immediate;
      }
      return this.queueOnServer(new Waiter(this, undefined));
    }
    const lane = this.laneOf(flowId, limit.limit);
    if (lane.running < lane.limit) {
      const waiter = this.hasServerRoom() ? this.startNow(new Waiter(this, lane)) : this.queueOnServer(new Waiter(this, lane));
      lane.running += 1;
      return waiter;
    }
    if (lane.waiting.length >= limit.queue) throw BusyError.flow();
    this.checkQueueRoom();
    this.waiting += 1;
    const waiter = new Waiter(this, lane).wait('flow');
    lane.waiting.push(waiter);
    return waiter;
  }

  /** Gives a waiter's place back (see Slot.release). */
  release(waiter: Waiter): void {
    const { state, lane } = waiter;
    waiter.state = 'done';
    if (state === 'done') return;
    if (state === 'flow') {
      remove(lane!.waiting, waiter);
      this.waiting -= 1;
    } else {
      if (state === 'server') {
        remove(this.serverQueue, waiter);
        this.waiting -= 1;
      } else {
        this.running -= 1;
      }
      if (lane) {
        lane.running -= 1;
        this.promote(lane);
      }
      this.drainServerQueue();
    }
    if (lane && !lane.running && !lane.waiting.length) this.lanes.delete(lane.flowId);
  }

  /** The flow's lane, under the limit of its current version (a raised limit starts waiters at once). */
  private laneOf(flowId: string, limit: number): Lane {
    let lane = this.lanes.get(flowId);
    if (!lane) this.lanes.set(flowId, (lane = { flowId, limit, running: 0, waiting: [] }));
    const raised = limit > lane.limit;
    lane.limit = limit;
    if (raised) this.promote(lane);
    return lane;
  }

  private hasServerRoom(): boolean {
    return this.running < this.maxRunning && !this.serverQueue.length;
  }

  private checkQueueRoom(): void {
    if (this.waiting >= this.maxQueued) throw BusyError.server();
  }

  private startNow(waiter: Waiter): Waiter {
    this.running += 1;
    return waiter;
  }

  private queueOnServer(waiter: Waiter): Waiter {
    this.checkQueueRoom();
    this.waiting += 1;
    this.serverQueue.push(waiter.wait('server'));
    return waiter;
  }

  /** Moves a flow's first waiters to the server as the flow's places free up. */
  private promote(lane: Lane): void {
    while (lane.running < lane.limit && lane.waiting.length) {
      const waiter = lane.waiting.shift()!;
      lane.running += 1;
      if (this.hasServerRoom()) {
        this.waiting -= 1;
        this.startNow(waiter).begin();
      } else {
        this.serverQueue.push(waiter.wait('server'));
      }
    }
  }

  private drainServerQueue(): void {
    while (this.running < this.maxRunning && this.serverQueue.length) {
      const waiter = this.serverQueue.shift()!;
      this.waiting -= 1;
      this.startNow(waiter).begin();
    }
  }
}

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
