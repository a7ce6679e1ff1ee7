import { z } from 'zod';
import { defineNode } from './define-node.js';

const unitMs = { milliseconds: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
/** The longest pause: a delay (or a date to wait until) at most a year away. */
export const maxWaitMs = 366 * unitMs.days;

const delayConfig = z
  .object({
    mode: z
      .enum(['duration', 'until'])
      .default('duration')
      .meta({ title: 'Wait', description: 'duration: for a set time; until: until the date and time that `until` gives.' }),
    amount: z.number().min(0, 'A delay cannot be negative.').default(1).meta({ title: 'Wait for', description: 'How many units to wait (duration mode).' }),
    unit: z.enum(['milliseconds', 'seconds', 'minutes', 'hours', 'days']).default('seconds').meta({ title: 'Unit' }),
    until: z
      .string()
      .max(10_000)
      .default('')
      .meta({
        title: 'Until',
        description: 'until mode: a JSONata expression giving an ISO 8601 date-time or epoch milliseconds, e.g. $trigger.body.sendAt. A time already past continues at once.',
        widget: 'jsonata',
      }),
  })
  .refine((config) => config.mode !== 'duration' || toMs(config) <= maxWaitMs, { path: ['amount'], message: 'A delay may last at most 366 days.' })
  .refine((config) => config.mode !== 'until' || config.until.trim() !== '', { path: ['until'], message: 'Enter the expression that gives the time to wait until.' });

function toMs(config: { amount: number; unit: keyof typeof unitMs }): number {
  return Math.round(config.amount * unitMs[config.unit]);
}

/**
 * Pauses the execution for a set time or until a given time, then passes the item on unchanged.
 * The pause is persisted: it survives a restart, and does not count against the execution's
 * time budget.
 */
export const delayNode = defineNode({
  type: 'delay',
  label: 'Delay',
  category: 'logic',
  description: 'Waits for a set time or until a date (at most a year), then passes the item on unchanged; survives restarts.',
  outputs: ['out'],
  config: delayConfig,
  waits: true,
  create(config, compiler) {
    if (config.mode === 'duration') {
      const ms = toMs(config);
      return () => ({ wait: { until: Date.now() + ms, timeoutPort: 'out' } });
    }
    const until = compiler.expression(config.until, 'until');
    return async ({ input, scope }) => ({ wait: { until: timeOf(await until.evaluate(input, scope)), timeoutPort: 'out' } });
  },
});

/** The epoch ms an `until` value names; a clear error for anything else or anything too far away. */
function timeOf(value: unknown): number {
  const time = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new Error(`"until" gave ${JSON.stringify(value) ?? 'nothing'}, which is not a date-time: give an ISO 8601 text such as "2026-12-24T18:00:00Z" or epoch milliseconds.`);
  }
  if (time - Date.now() > maxWaitMs) throw new Error(`"until" is ${new Date(time).toISOString()}, more than 366 days away.`);
  return time;
}
