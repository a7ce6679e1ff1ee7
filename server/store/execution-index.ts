import { BadRequestError } from '../errors.js';
import { comparePositions, decodeCursor, encodeCursor, type ListPosition } from './execution-cursor.js';
import { expandSummary, type CompactSummary } from './execution-summary.js';
import type { ExecutionPage, ExecutionQuery } from './types.js';

/** How much execution history to keep. */
export interface Retention {
  /** Executions that started longer ago are hidden, then deleted with their segment. */
  maxAgeDays: number;
  /** Only this many of the newest executions are kept. */
  maxCount: number;
}

export const defaultRetention: Retention = { maxAgeDays: 14, maxCount: 10_000 };

/** One execution in the index: its listing fields and where its latest line is, in one object. */
export interface IndexEntry extends ListPosition, CompactSummary {
  seq: number;
  offset: number;
  length: number;
}

const dayMs = 86_400_000;

/**
 * The in-memory index of the execution log: id → latest line, an array sorted oldest first (new
 * executions append at its end), and how many live records each segment holds. Retention always
 * keeps a suffix of that array, so hiding and pruning cut a prefix.
 */
export class ExecutionIndex {
  readonly #byId = new Map<string, IndexEntry>();
  readonly #order: IndexEntry[] = [];
  readonly #live = new Map<number, number>();

  constructor(
    readonly retention: Retention,
    readonly now: () => number,
  ) {}

  /** The entry for `id`, unless retention hides it. */
  get(id: string): IndexEntry | undefined {
    const entry = this.#byId.get(id);
    return entry && this.#lowerBound(entry) >= this.#visibleStart() ? entry : undefined;
  }

  /** Records a segment so that it is pruned once it holds no live record, even if it never did. */
  addSegment(seq: number): void {
    this.#live.set(seq, this.#live.get(seq) ?? 0);
  }

  /** Points `id` at its newest line (the last write wins). */
  upsert(entry: IndexEntry): void {
    const old = this.#byId.get(entry.id);
    if (old) {
      this.#countLive(old.seq, -1);
      this.#order.splice(this.#lowerBound(old), 1);
    }
    this.#order.splice(this.#lowerBound(entry), 0, entry);
    this.#byId.set(entry.id, entry);
    this.#countLive(entry.seq, 1);
  }

  /** Removes and returns the entries past retention. */
  dropExpired(): IndexEntry[] {
    const dropped = this.#order.splice(0, this.#visibleStart());
    for (const entry of dropped) {
      this.#byId.delete(entry.id);
      this.#countLive(entry.seq, -1);
    }
    return dropped;
  }

  /** Forgets and returns the segments (other than `active`) that no live record points into. */
  takeEmptySegments(active: number): number[] {
    const empty = [...this.#live].filter(([seq, count]) => count === 0 && seq !== active).map(([seq]) => seq);
    for (const seq of empty) this.#live.delete(seq);
    return empty;
  }

  /** One page, newest first, of the visible executions matching the query. */
  list(query: ExecutionQuery): ExecutionPage {
    const { flowId, status, limit, cursor } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new BadRequestError('limit must be an integer from 1 to 500.');
    const matches = (entry: IndexEntry) => (flowId === undefined || entry.flowId === flowId) && (status === undefined || entry.status === status);
    const start = this.#visibleStart();
    const end = cursor === undefined ? this.#order.length : this.#lowerBound(decodeCursor(cursor));
    const found: IndexEntry[] = [];
    for (let i = end - 1; i >= start && found.length <= limit; i -= 1) {
      const entry = this.#order[i]!;
      if (matches(entry)) found.push(entry);
    }
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((entry) => expandSummary(entry, entry.startedMs)),
      ...(found.length > limit && last ? { nextCursor: encodeCursor(last) } : {}),
      total: flowId === undefined && status === undefined ? this.#order.length - start : this.#countMatches(start, matches),
    };
  }

  #countMatches(start: number, matches: (entry: IndexEntry) => boolean): number {
    let total = 0;
    for (let i = start; i < this.#order.length; i += 1) if (matches(this.#order[i]!)) total += 1;
    return total;
  }

  #visibleStart(): number {
    const { maxAgeDays, maxCount } = this.retention;
    const byAge = this.#lowerBound({ startedMs: this.now() - maxAgeDays * dayMs, id: '' });
    return Math.max(byAge, this.#order.length - maxCount);
  }

  /** The index of the first entry at or after `position`; new entries usually belong at the end. */
  #lowerBound(position: ListPosition): number {
    const last = this.#order.at(-1);
    if (!last || comparePositions(last, position) < 0) return this.#order.length;
    let low = 0;
    let high = this.#order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comparePositions(this.#order[middle]!, position) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #countLive(seq: number, change: number): void {
    this.#live.set(seq, (this.#live.get(seq) ?? 0) + change);
  }
}
