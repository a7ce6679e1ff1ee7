import type { NodeServices } from '../../nodes/define-node.js';
import { CredentialMissingError } from '../credentials/errors.js';
import type { CredentialSource } from '../credentials/types.js';
import type { FlowStore } from '../store/types.js';

/** The services that do not depend on one execution: counters from the store, mail, fetch, credentials. */
export type SharedServices = Omit<NodeServices, 'respond' | 'log'>;

/** What reaches the outside world: `createOutbound` (server/network/outbound.ts) builds both under the outbound policy. */
export type OutboundPair = Pick<NodeServices, 'fetch' | 'sendMail'>;

export function createSharedServices(flows: FlowStore, outbound: OutboundPair, credentials: CredentialSource): SharedServices {
  return {
    nextCounterValue: (name, start, step) => flows.nextCounterValue(name, start, step),
    sendMail: outbound.sendMail,
    fetch: outbound.fetch,
    credential(name, type) {
      const fields = credentials.resolve(name, type);
      if (!fields) throw new CredentialMissingError(name, type);
      return fields;
    },
  };
}
