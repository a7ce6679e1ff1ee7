/**
 * A least-recently-used cache on a Map (whose insertion order is the recency order). Holds the
 * newest execution records so that the editor's "show me that run" rarely touches the disk.
 */
export class LruCache<K, V> {
  readonly #items = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#items.get(key);
    if (value !== undefined) this.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#items.delete(key);
    this.#items.set(key, value);
    if (this.#items.size > this.capacity) this.#items.delete(this.#items.keys().next().value as K);
  }

  delete(key: K): void {
    this.#items.delete(key);
  }
}
