export interface GroupCommitOptions<T> {
  /** Writes one batch; its promise settles every `add` in the batch. */
  commit(items: T[]): Promise<void>;
  /**
   * How long the first item of a batch waits for company. 0 gathers only what is added in the
   * same tick (the commit starts on the next microtask).
   */
  windowMs?: number;
  /** A batch holds at most this many items; a full batch is committed at once. */
  maxItems?: number;
  /** With `maxSize`: a batch holds items up to this total size (and at least one item). */
  sizeOf?(item: T): number;
  maxSize?: number;
}

/** Items committed together, and the one promise every `add` of them returns. */
interface Batch<T> {
  items: T[];
  size: number;
  committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Batches writes: items added while a commit is in flight, or within `windowMs` of each other,
 * are committed together, and at most one commit runs at a time (so batches land in order).
 * This is what keeps the cost of a write flat under load: many callers share one write call,
 * and one promise (per batch, not per item).
 *
 * @example
 * const log = new GroupCommit<Buffer>({ commit: (lines) => file.appendFile(Buffer.concat(lines)), windowMs: 2 });
 * await Promise.all([log.add(a), log.add(b)]); // one appendFile
 */
export class GroupCommit<T> {
  readonly #options: GroupCommitOptions<T>;
  /** Batches not committed yet, oldest first; new items join the last one until it is full. */
  readonly #batches: Batch<T>[] = [];
  #busy = false;
  #loop: Promise<void> = Promise.resolve();
  #scheduled = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: GroupCommitOptions<T>) {
    this.#options = options;
  }

  /**
   * Queues an item; resolves once the batch holding it is committed, rejects if that commit
   * fails. Items of one batch get the same promise.
   */
  add(item: T): Promise<void> {
    const size = this.#options.sizeOf?.(item) ?? 0;
    let batch = this.#batches.at(-1);
    if (!batch || !this.#fits(batch, size)) {
      batch = createBatch();
      this.#batches.push(batch);
    }
    batch.items.push(item);
    batch.size += size;
    this.#schedule();
    return batch.committed;
  }

  /** Commits everything queued so far and waits for it (and for the commit in flight). */
  async drain(): Promise<void> {
    this.#kick();
    await this.#loop;
  }

  #schedule(): void {
    if (this.#busy) return; // the running loop picks the item up right after the write in flight
    if (this.#batches.length > 1 || this.#isFull(this.#batches[0]!)) return this.#kick();
    if (this.#scheduled) return;
    this.#scheduled = true;
    const windowMs = this.#options.windowMs ?? 0;
    if (windowMs > 0) this.#timer = setTimeout(() => this.#kick(), windowMs);
    else queueMicrotask(() => this.#kick());
  }

  /** Whether an item of `size` may join `batch` (an empty batch takes any one item). */
  #fits(batch: Batch<T>, size: number): boolean {
    const { maxItems = Infinity, maxSize = Infinity } = this.#options;
    return batch.items.length === 0 || (batch.items.length < maxItems && batch.size + size <= maxSize);
  }

  #isFull(batch: Batch<T>): boolean {
    const { maxItems = Infinity, maxSize = Infinity } = this.#options;
    return batch.items.length >= maxItems || batch.size >= maxSize;
  }

  #kick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#scheduled = false;
    if (this.#busy || this.#batches.length === 0) return;
    this.#busy = true;
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    try {
      for (let batch = this.#batches.shift(); batch; batch = this.#batches.shift()) await this.#commit(batch);
    } finally {
      // Cleared in the same microtask as the last emptiness check, so no item can be stranded.
      this.#busy = false;
    }
  }

  async #commit(batch: Batch<T>): Promise<void> {
    try {
      await this.#options.commit(batch.items);
      batch.resolve();
    } catch (error) {
      batch.reject(error);
    }
  }
}

function createBatch<T>(): Batch<T> {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((resolveBatch, rejectBatch) => {
    resolve = resolveBatch;
    reject = rejectBatch;
  });
  return { items: [], size: 0, committed, resolve, reject };
}
