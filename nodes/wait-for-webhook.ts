import { z } from 'zod';
import { defineNode } from './define-node.js';
import { maxWaitMs } from './delay.js';

const unitMs = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

const waitConfig = z
  .object({
    timeout: z.number().positive('The timeout must be more than 0.').default(1).meta({ title: 'Give up after', description: 'How long to wait for the resume call.' }),
    unit: z.enum(['seconds', 'minutes', 'hours', 'days']).default('days').meta({ title: 'Unit' }),
  })
  .refine((config) => config.timeout * unitMs[config.unit] <= maxWaitMs, { path: ['timeout'], message: 'A wait may last at most 366 days.' });

/**
 * Pauses the execution until its resume URL (`$execution.resumeUrl`, sent somewhere by an earlier
 * node) is called: the call (method, headers with credentials redacted, query, body) goes on
 * from `out`. Without a call in time, the item it received goes on from `timeout`. The wait is
 * persisted and survives a restart.
 */
export const waitForWebhookNode = defineNode({
  type: 'wait-for-webhook',
  label: 'Wait for webhook',
  category: 'logic',
  description: 'Pauses until the execution’s resume URL ($execution.resumeUrl) is called, or takes `timeout` when nobody calls in time.',
  outputs: ['out', 'timeout'],
  config: waitConfig,
  waits: true,
  create(config) {
    const ms = Math.round(config.timeout * unitMs[config.unit]);
    return () => ({ wait: { until: Date.now() + ms, webhook: true, timeoutPort: 'timeout' } });
  },
});
