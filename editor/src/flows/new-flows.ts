import type { FlowDocument } from '../api/types.js';

/** Flow names and ids have the server's limits (server/engine/flow-schema.ts). */
export const maxNameLength = 200;
const maxSlugLength = 40;

/**
 * An id for a new flow: the name as a lowercase slug plus a short random suffix, so that two flows
 * with the same name still get different ids; retried while it collides with `taken`.
 *
 * @example
 * flowIdFrom('Order → CRM', new Set()) // 'order-crm-k3f9'
 */
export function flowIdFrom(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, maxSlugLength)
      .replace(/-+$/, '') || 'flow';
  for (;;) {
    const id = `${slug}-${randomSuffix()}`;
    if (!taken.has(id)) return id;
  }
}

function randomSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A new, inactive flow holding only a webhook trigger, which is the smallest valid flow. */
export function newFlow(name: string, taken: ReadonlySet<string>): FlowDocument {
  return {
    schemaVersion: 1,
    id: flowIdFrom(name, taken),
    name,
    active: false,
    nodes: [{ id: 'trigger', type: 'webhook', name: 'Webhook', position: { x: 0, y: 0 }, config: {} }],
    edges: [],
  };
}

/**
 * A copy of a flow under a new id and the name "<name> (copy)", inactive. Custom webhook paths are
 * removed from the copy because each path may belong to one flow only; the copy gets a secret URL.
 */
export function copyOfFlow(flow: FlowDocument, taken: ReadonlySet<string>): FlowDocument {
  const name = `${flow.name} (copy)`.slice(0, maxNameLength);
  const copy = structuredClone(flow);
  for (const node of copy.nodes) if (node.type === 'webhook') delete node.config.path;
  return { ...copy, id: flowIdFrom(name, taken), name, active: false };
}
