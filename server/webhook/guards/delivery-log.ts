/**
 * The deliveries recently run, by flow id and delivery id, so that a sender's retry (or a
 * replayed event) runs once and gets the first execution's id. Bounded: past `capacity`
 * entries the oldest is forgotten. Kept in memory: a restart forgets it.
 */
export class DeliveryLog {
  private readonly seen = new Map<string, { executionId: string; expiresAt: number }>();

  constructor(private readonly capacity = 50_000) {}

  /** The execution that already ran this delivery within its window, if any. */
  find(key: string, nowMs: number): string | undefined {
    const entry = this.seen.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > nowMs) return entry.executionId;
    this.seen.delete(key);
    return undefined;
  }

  /** Forgets a delivery, if `executionId` is still the run it is remembered for. */
  forget(key: string, executionId: string): void {
    if (this.seen.get(key)?.executionId === executionId) this.seen.delete(key);
  }

  remember(key: string, executionId: string, nowMs: number, windowSeconds: number): void {
    this.seen.delete(key);
    this.seen.set(key, { executionId, expiresAt: nowMs + windowSeconds * 1000 });
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
  }
}

/** Delivery ids longer than this are not remembered: no sender's ids are this long. */
const maxIdLength = 200;

/** The log key of a delivery, or undefined when it has no usable id. */
export function deliveryKey(flowId: string, deliveryId: string | undefined): string | undefined {
  if (!deliveryId || deliveryId.length > maxIdLength) return undefined;
  return `${flowId}\n${deliveryId}`;
}
