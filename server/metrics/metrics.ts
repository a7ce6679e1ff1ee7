import { Counter, Registry } from 'prom-client';
import type { RejectionReason } from '../webhook/guards/rejection.js';

/** The server's Prometheus metrics: one registry per app, so tests and several apps in one process never mix counts. */
export interface Metrics {
  registry: Registry;
  /** Counts a webhook call a guard refused (or, reason `busy`, the execution limits), by flow id and reason. */
  countRejection(flowId: string, reason: RejectionReason): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const rejected = new Counter({
    name: 'hookflow_webhook_rejected_total',
    help: 'Webhook calls refused by a guard before any flow code ran, by flow and reason (ip, rate, size, auth, signature, stale, credential, busy).',
    labelNames: ['flow', 'reason'] as const,
    registers: [registry],
  });
  return { registry, countRejection: (flowId, reason) => rejected.inc({ flow: flowId, reason }) };
}
