/**
 * Callers waiting for the next event of a key (a flow id): each waits until an event is
 * delivered for its key, its time runs out, or its signal aborts (the client went away), and
 * leaves nothing behind in any of these cases.
 *
 * @example
 * const listeners = new TestListeners<string>();
 * const next = listeners.wait('orders', 30_000, signal); // resolves undefined on timeout or abort
 * listeners.deliver('orders', 'the request');            // every waiter of 'orders' gets it
 */
export class TestListeners<T> {
  readonly #waiting = new Map<string, Set<(value: T | undefined) => void>>();

  /** Whether anyone waits for `key` now (the webhook path asks this before doing any work). */
  isListening(key: string): boolean {
    return this.#waiting.has(key);
  }

  /** How many callers wait, over all keys. */
  get size(): number {
    let count = 0;
    for (const waiters of this.#waiting.values()) count += waiters.size;
    return count;
  }

  /** The next value delivered for `key`, or undefined once `timeoutMs` passes or `signal` aborts. */
  wait(key: string, timeoutMs: number, signal?: AbortSignal): Promise<T | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiters = this.#waiting.get(key) ?? new Set();
      this.#waiting.set(key, waiters);
      const finish = (value: T | undefined) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abandon);
        waiters.delete(finish);
        if (waiters.size === 0 && this.#waiting.get(key) === waiters) this.#waiting.delete(key);
        resolve(value);
      };
      const abandon = () => finish(undefined);
      const timer = setTimeout(abandon, timeoutMs);
      signal?.addEventListener('abort', abandon, { once: true });
      waiters.add(finish);
    });
  }

  /** Hands `value` to everyone waiting for `key`; returns how many there were. */
  deliver(key: string, value: T): number {
    const waiters = this.#waiting.get(key);
    if (!waiters) return 0;
    this.#waiting.delete(key);
    const all = [...waiters];
    for (const finish of all) finish(value);
    return all.length;
  }
}
