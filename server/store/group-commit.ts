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

interface Waiting<T> {
  item: T;
  size: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Batches writes: items added while a commit is in flight, or within `windowMs` of each other,
 * are committed together, and at most one commit runs at a time (so batches land in order).
 * This is what keeps the cost of a write flat under load: many callers share one write call.
 *
 * @example
 * const log = new GroupCommit<Buffer>({ commit: (lines) => file.appendFile(Buffer.concat(lines)), windowMs: 2 });
 * await Promise.all([log.add(a), log.add(b)]); // one appendFile
 */
export class GroupCommit<T> {
  readonly #options: GroupCommitOptions<T>;
  #pending: Waiting<T>[] = [];
  #pendingSize = 0;
  #busy = false;
  #loop: Promise<void> = Promise.resolve();
  #scheduled = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: GroupCommitOptions<T>) {
    this.#options = options;
  }

  /** Queues an item; resolves once the batch holding it is committed, rejects if that commit fails. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const size = this.#options.sizeOf?.(item) ?? 0;
      this.#pending.push({ item, size, resolve, reject });
      this.#pendingSize += size;
      this.#schedule();
    });
  }

  /** Commits everything queued so far and waits for it (and for the commit in flight). */
  async drain(): Promise<void> {
    this.#kick();
    await this.#loop;
  }

  #schedule(): void {
    if (this.#busy) return; // the running loop picks the item up right after the write in flight
    if (this.#isFull()) return this.#kick();
    if (this.#scheduled) return;
    this.#scheduled = true;
    const windowMs = this.#options.windowMs ?? 0;
    if (windowMs > 0) this.#timer = setTimeout(() => this.#kick(), windowMs);
    else queueMicrotask(() => this.#kick());
  }

  #isFull(): boolean {
    const { maxItems, maxSize } = this.#options;
    return (maxItems !== undefined && this.#pending.length >= maxItems) || (maxSize !== undefined && this.#pendingSize >= maxSize);
  }

  #kick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#scheduled = false;
    if (this.#busy || this.#pending.length === 0) return;
    this.#busy = true;
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    try {
      while (this.#pending.length > 0) await this.#commitBatch(this.#takeBatch());
    } finally {
      // Cleared in the same microtask as the last emptiness check, so no item can be stranded.
      this.#busy = false;
    }
  }

  #takeBatch(): Waiting<T>[] {
    const { maxItems = Infinity, maxSize = Infinity } = this.#options;
    let count = 0;
    let size = 0;
    for (const waiting of this.#pending) {
      if (count > 0 && (count >= maxItems || size + waiting.size > maxSize)) break;
      count += 1;
      size += waiting.size;
    }
    this.#pendingSize -= size;
    return this.#pending.splice(0, count);
  }

  async #commitBatch(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.#options.commit(batch.map((waiting) => waiting.item));
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
