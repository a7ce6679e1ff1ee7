import { isIP } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch, type Dispatcher } from 'undici';
import { FlowError } from '../errors.js';
import { checkConnected, guardLookup, systemResolver, type Resolver } from './guarded-socket.js';
import type { OutboundPolicy } from './outbound-policy.js';

export interface OutboundFetchOptions {
  /** Most redirects one request follows (default 5). */
  maxRedirects?: number;
  /** Replaces the system DNS resolver (tests). */
  resolve?: Resolver;
}

/** The fetch every node's outgoing HTTP goes through, plus `close()` for its pooled connections. */
export interface OutboundFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** A request that redirected more often than allowed. */
export class TooManyRedirectsError extends FlowError {
  constructor(max: number) {
    super('TOO_MANY_REDIRECTS', `The request was redirected more than ${max} times.`, 502);
  }
}

/**
 * undici's fetch over an Agent whose every connection, first hop or redirect, is checked by
 * the policy: IP literals before connecting, names through a lookup that hands the socket only
 * admitted addresses, and the connected address once more. A refusal rejects the fetch with a
 * TypeError whose `cause` is an OutboundBlockedError (code OUTBOUND_BLOCKED).
 *
 * @example
 * const outbound = createOutboundFetch(createOutboundPolicy([]));
 * await outbound.fetch('http://169.254.169.254/'); // rejects, cause.code === 'OUTBOUND_BLOCKED'
 */
export function createOutboundFetch(policy: OutboundPolicy, options: OutboundFetchOptions = {}): OutboundFetch {
  const maxRedirects = options.maxRedirects ?? 5;
  const connectSocket = buildConnector({ lookup: guardLookup(policy, options.resolve ?? systemResolver) });
  const agent = new Agent({
    connect(target, callback) {
      const refused = policy.checkHost(target.hostname);
      if (refused) return callback(refused, null);
      connectSocket(target, (error, socket) => {
        if (error || !socket) return callback(error, null);
        const late = isIP(target.hostname) ? undefined : checkConnected(policy, target.hostname, socket);
        if (!late) return callback(null, socket);
        socket.destroy();
        callback(late, null);
      });
    },
  });
  const outboundFetch = (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher: countingRequests(agent, maxRedirects + 1) }) as unknown as Promise<Response>;
  return { fetch: outboundFetch as typeof fetch, close: () => agent.close() };
}

/** The agent, refusing the request after `max` requests of one fetch (its redirects). */
function countingRequests(agent: Agent, max: number): Dispatcher {
  let requests = 0;
  return agent.compose((dispatch) => (options, handler) => {
    requests += 1;
    if (requests > max) throw new TooManyRedirectsError(max - 1);
    return dispatch(options, handler);
  });
}
