import { customWebhookPath, hasWebhook } from '../engine/webhook-path.js';
import type { FlowFile } from '../engine/flow-schema.js';
import { WebhookPathTakenError } from '../errors.js';
import type { StoredFlow } from './types.js';

/**
 * Maps every webhook address (each flow's token, and its custom path when it has one) to the
 * flow's id, so that the webhook hot path finds its flow with one Map lookup. Tokens and custom
 * paths share one key space, so a custom path can never shadow another flow's token.
 */
export class WebhookIndex {
  readonly #owners = new Map<string, string>();

  /** The id of the flow answering at `path`, if any. */
  findOwner(path: string): string | undefined {
    return this.#owners.get(path);
  }

  /** True when `key` is free (used before handing out a new token). */
  isFree(key: string): boolean {
    return !this.#owners.has(key);
  }

  /** Rejects with WebhookPathTakenError when the flow's custom path answers for another flow. */
  assertPathFree(flow: FlowFile): void {
    const path = customWebhookPath(flow);
    const owner = path === undefined ? undefined : this.#owners.get(path);
    if (path !== undefined && owner !== undefined && owner !== flow.id) throw new WebhookPathTakenError(path, owner);
  }

  add(stored: StoredFlow): void {
    for (const key of addressesOf(stored)) this.#owners.set(key, stored.flow.id);
  }

  delete(stored: StoredFlow): void {
    for (const key of addressesOf(stored)) {
      if (this.#owners.get(key) === stored.flow.id) this.#owners.delete(key);
    }
  }

  /** Swaps a flow's old addresses for its new ones (after an update or a token rotation). */
  replace(previous: StoredFlow, next: StoredFlow): void {
    this.delete(previous);
    this.add(next);
  }
}

/** A flow that no webhook starts (an error-handler flow) has no address: its token answers as unknown. */
function addressesOf(stored: StoredFlow): string[] {
  if (!hasWebhook(stored.flow)) return [];
  const path = customWebhookPath(stored.flow);
  return path === undefined ? [stored.token] : [stored.token, path];
}
