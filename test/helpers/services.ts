import type { NodeServices, WebhookResponse } from '../../nodes/define-node.js';
import type { CredentialSource } from '../../server/credentials/types.js';
import { createMailer } from '../../server/services/mailer.js';

/** Node services backed by memory, plus what the nodes did with them, for assertions. */
export interface TestServices {
  services: NodeServices;
  /** Every response a respond node asked to send, in order; only the first counts as sent. */
  responses: WebhookResponse[];
  logs: { message: string; details?: Record<string, unknown> }[];
  /** Releases the mailer's SMTP connections. */
  close(): void;
}

/**
 * Services for running flows in tests: in-memory counters, a recorder for webhook responses,
 * the real global fetch, and the real mailer (pointed at `smtpUrl`, or unconfigured).
 */
export function createTestServices(options: { smtpUrl?: string; credentials?: CredentialSource } = {}): TestServices {
  const counters = new Map<string, number>();
  const responses: WebhookResponse[] = [];
  const logs: TestServices['logs'] = [];
  const sendMail = createMailer(options.smtpUrl);
  const services: NodeServices = {
    async nextCounterValue(name, start, step) {
      const last = counters.get(name);
      const next = last === undefined ? start : last + step;
      counters.set(name, next);
      return next;
    },
    sendMail,
    fetch: globalThis.fetch,
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
  return { services, responses, logs, close: () => sendMail.close() };
}
