import { z } from 'zod';
import { defineNode } from './define-node.js';

const unitMs = { milliseconds: 1, seconds: 1000, minutes: 60_000 } as const;
const maxDelayMs = 10 * 60_000;

const delayConfig = z
  .object({
    amount: z.number().min(0, 'A delay cannot be negative.').default(1).meta({ title: 'Wait for', description: 'How many units to wait.' }),
    unit: z.enum(['milliseconds', 'seconds', 'minutes']).default('seconds').meta({ title: 'Unit' }),
  })
  .refine((config) => toMs(config) <= maxDelayMs, { path: ['amount'], message: 'A delay may last at most 10 minutes.' });

function toMs(config: { amount: number; unit: keyof typeof unitMs }): number {
  return Math.round(config.amount * unitMs[config.unit]);
}

/** Holds the item for a while, then passes it on unchanged; the engine waits, so it has no run. */
export const delayNode = defineNode({
  type: 'delay',
  label: 'Delay',
  category: 'logic',
  description: 'Waits for a set time (at most 10 minutes), then passes the item on unchanged.',
  outputs: ['out'],
  config: delayConfig,
  waitMs: toMs,
});
