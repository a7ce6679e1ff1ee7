import { z } from 'zod';
import { policyLimits } from './policy-defaults.js';

const { maxAttempts, maxBackoffMs, maxNodeTimeoutMs, minFlowTimeoutMs, maxFlowTimeoutMs } = policyLimits;

const milliseconds = (name: string, min: number, max: number) =>
  z.int(`${name} must be a whole number of milliseconds.`).min(min, `${name} must be at least ${min} ms.`).max(max, `${name} may be at most ${max} ms.`);

const flag = (name: string) => z.boolean(`${name} must be true or false.`);

const httpStatus = z.int('An HTTP status must be a whole number.').min(100, 'An HTTP status lies between 100 and 599.').max(599, 'An HTTP status lies between 100 and 599.');

/** An object that refuses keys it does not know, naming them and the known ones: a typo must not pass for a setting. */
const strictObject = <S extends z.core.$ZodLooseShape>(what: string, shape: S) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Unknown ${what} ${issue.keys.map((key) => `"${key}"`).join(', ')}; known: ${Object.keys(shape).join(', ')}.` : undefined,
  });

const retrySchema = strictObject('retry setting', {
  attempts: z
    .int('retry.attempts must be a whole number.')
    .min(1, 'retry.attempts must be at least 1 (1 tries once, without retries).')
    .max(maxAttempts, `retry.attempts may be at most ${maxAttempts}.`)
    .optional(),
  backoffMs: milliseconds('retry.backoffMs', 0, maxBackoffMs).optional(),
  maxBackoffMs: milliseconds('retry.maxBackoffMs', 0, maxBackoffMs).optional(),
  jitter: flag('retry.jitter').optional(),
  on: strictObject('retry.on setting', {
    errors: flag('retry.on.errors').optional(),
    statuses: z.array(httpStatus, 'retry.on.statuses must be a list of HTTP statuses.').max(50, 'retry.on.statuses may list at most 50 statuses.').optional(),
  }).optional(),
}).refine((retry) => retry.backoffMs === undefined || retry.maxBackoffMs === undefined || retry.maxBackoffMs >= retry.backoffMs, {
  path: ['maxBackoffMs'],
  message: 'retry.maxBackoffMs must not be shorter than retry.backoffMs (the first wait).',
});

/**
 * A node's failure handling: retries, a time budget per attempt, and what a failure does. Every
 * field is optional and stays absent when absent, so a flow file keeps only what a person set;
 * the defaults are in policy-defaults.ts.
 */
export const nodeSettingsSchema = strictObject('node setting', {
  retry: retrySchema.optional(),
  timeoutMs: milliseconds('timeoutMs', 1, maxNodeTimeoutMs).optional(),
  onError: z
    .enum(['fail', 'continue', 'errorPort'], 'onError must be "fail" (stop the flow), "continue" (go on with the input) or "errorPort" (take the error output).')
    .optional(),
});

/** Settings of a whole flow: the running-time budget of one execution, which overrides HOOKFLOW_EXECUTION_TIMEOUT_MS. */
export const flowSettingsSchema = strictObject('flow setting', {
  timeoutMs: milliseconds('settings.timeoutMs', minFlowTimeoutMs, maxFlowTimeoutMs).optional(),
});

export type NodeSettings = z.output<typeof nodeSettingsSchema>;
export type RetrySettings = NonNullable<NodeSettings['retry']>;
export type OnError = NonNullable<NodeSettings['onError']>;
