import type { NodeServices, WebhookResponse } from '../../nodes/define-node.js';
import type { CredentialSource } from '../../server/credentials/types.js';
import { createOutbound } from '../../server/network/outbound.js';

/** Node services backed by memory, plus what the nodes did with them, for assertions. */
export interface TestServices {
  services: NodeServices;
  /** Every response a respond node asked to send, in order; only the first counts as sent. */
  responses: WebhookResponse[];
  logs: { message: string; details?: Record<string, unknown> }[];
  /** Releases the pooled HTTP and SMTP connections. */
  close(): void;
}

/**
 * Services for running flows in tests: in-memory counters, a recorder for webhook responses,
 * the real outbound fetch and mailer (mail to `smtpUrl`, or unconfigured). Their outbound policy
 * admits 127.0.0.1, where the tests' sinks listen, and what `outboundAllow` adds.
 */
export function createTestServices(options: { smtpUrl?: string; credentials?: CredentialSource; outboundAllow?: string[] } = {}): TestServices {
  const counters = new Map<string, number>();
  const responses: WebhookResponse[] = [];
  const logs: TestServices['logs'] = [];
  const outbound = createOutbound({ smtpUrl: options.smtpUrl, outboundAllow: options.outboundAllow ?? ['127.0.0.1'] });
  const services: NodeServices = {
    async nextCounterValue(name, start, step) {
      const last = counters.get(name);
      const next = last === undefined ? start : last + step;
      counters.set(name, next);
      return next;
    },
    sendMail: outbound.sendMail,
    fetch: outbound.fetch,
    credential(name, type) {
      const fields = options.credentials?.resolve(name, type);
      if (!fields) throw new Error(`no ${type} credential named "${name}" in this test`);
      return fields;
    },
    respond(response) {
      responses.push(response);
      return responses.length === 1;
    },
    log: (message, details) => logs.push({ message, details }),
  };
  return { services, responses, logs, close: () => void outbound.close() };
}
