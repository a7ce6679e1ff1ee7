import type { NodeServices } from '../../nodes/define-node.js';
import type { FlowStore } from '../store/types.js';

/** The services that do not depend on one execution: counters from the store, mail, fetch. */
export type SharedServices = Omit<NodeServices, 'respond' | 'log'>;

export function createSharedServices(flows: FlowStore, sendMail: NodeServices['sendMail']): SharedServices {
  return {
    nextCounterValue: (name, start, step) => flows.nextCounterValue(name, start, step),
    sendMail,
    fetch: globalThis.fetch,
  };
}
