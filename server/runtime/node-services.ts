import type { NodeServices } from '../../nodes/define-node.js';
import { CredentialMissingError } from '../credentials/errors.js';
import type { CredentialSource } from '../credentials/types.js';
import type { FlowStore } from '../store/types.js';

/** The services that do not depend on one execution: counters from the store, mail, fetch, credentials. */
export type SharedServices = Omit<NodeServices, 'respond' | 'log'>;

export function createSharedServices(flows: FlowStore, sendMail: NodeServices['sendMail'], credentials: CredentialSource): SharedServices {
  return {
    nextCounterValue: (name, start, step) => flows.nextCounterValue(name, start, step),
    sendMail,
    fetch: globalThis.fetch,
    credential(name, type) {
      const fields = credentials.resolve(name, type);
      if (!fields) throw new CredentialMissingError(name, type);
      return fields;
    },
  };
}
