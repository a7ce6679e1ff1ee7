import type { NodeServices } from '../../nodes/define-node.js';
import { createMailer } from '../services/mailer.js';
import type { Resolver } from './guarded-socket.js';
import { createOutboundFetch } from './outbound-fetch.js';
import { createOutboundPolicy } from './outbound-policy.js';

/** The node services that reach the outside world, both under one outbound policy. */
export interface OutboundServices {
  fetch: NodeServices['fetch'];
  sendMail: NodeServices['sendMail'];
  /** Releases pooled HTTP and SMTP connections. */
  close(): Promise<void>;
}

export interface OutboundSettings {
  /** HOOKFLOW_OUTBOUND_ALLOW's entries (validated by the config). */
  outboundAllow: readonly string[];
  smtpUrl: string | undefined;
  /** Replaces the system DNS resolver (tests). */
  resolve?: Resolver;
}

/**
 * Builds `fetch` and `sendMail` for node services from the server's settings.
 *
 * @example
 * const outbound = createOutbound({ outboundAllow: ['127.0.0.1'], smtpUrl: undefined });
 * await outbound.fetch('http://10.0.0.1/'); // rejects: cause.code === 'OUTBOUND_BLOCKED'
 */
export function createOutbound(settings: OutboundSettings): OutboundServices {
  const policy = createOutboundPolicy(settings.outboundAllow);
  const http = createOutboundFetch(policy, { resolve: settings.resolve });
  const mailer = createMailer({ smtpUrl: settings.smtpUrl, policy, resolve: settings.resolve });
  return {
    fetch: http.fetch,
    sendMail: mailer,
    async close() {
      mailer.close();
      await http.close();
    },
  };
}
