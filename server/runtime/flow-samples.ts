import { z } from 'zod';
import type { TriggerRequest } from '../../nodes/define-node.js';
import type { WebhookConfig } from '../../nodes/webhook.js';
import type { CompiledFlow } from '../engine/compile-flow.js';
import { jsonPath, nestsDeeperThan } from '../engine/flow-schema.js';
import { recordRequest } from '../engine/record-request.js';
import { BadRequestError } from '../errors.js';
import type { FlowSample } from '../store/types.js';

/** The largest sample kept (its JSON text): a sample is for trying a flow out, not for bulk data. */
export const maxSampleBytes = 1024 * 1024;
/** As deep as a webhook body may nest (see parse-body.ts). */
const maxSampleDepth = 200;

/** A header or query parameter name (zod leaves a `__proto__` key out of the parsed record). */
const name = (what: string, pattern: RegExp) =>
  z
    .string()
    .min(1, `A ${what} name must not be empty.`)
    .max(200, `A ${what} name may be at most 200 characters long.`)
    .regex(pattern, { error: (issue) => `"${String(issue.input).slice(0, 50)}" is not a ${what} name.` });

const text = z.string().max(16_384, 'A value may be at most 16384 characters long.');
const atMost = (count: number) => (record: object) => Object.keys(record).length <= count;

/** What a person or the editor sends as a sample request; every part is optional. */
export const sampleInputSchema = z.object({
  method: z
    .string()
    .regex(/^[A-Za-z]{1,20}$/, 'Use an HTTP method such as POST or GET.')
    .transform((method) => method.toUpperCase())
    .optional(),
  headers: z
    .record(name('header', /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/), text)
    .refine(atMost(100), 'Give at most 100 headers.')
    .transform((headers) => Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value])))
    .optional(),
  query: z
    .record(name('query parameter', /^[^\u0000-\u001f]+$/), z.union([text, z.array(text).max(100, 'Give at most 100 values per parameter.')]))
    .refine(atMost(200), 'Give at most 200 query parameters.')
    .optional(),
  body: z
    .unknown()
    .refine((body) => !nestsDeeperThan(body, maxSampleDepth), `The body may nest at most ${maxSampleDepth} levels deep.`)
    .optional(),
});

export type SampleInput = z.output<typeof sampleInputSchema>;

/** Checks a sample request; a malformed one is a 400 `BAD_SAMPLE` naming the first problem's field. */
export function parseSampleInput(value: unknown, field?: string): SampleInput {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError(`The ${field ? `"${field}"` : 'sample'} must be a JSON object such as { "body": { … } }.`, 'BAD_SAMPLE');
  }
  const parsed = sampleInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A bad record key reports "Invalid key in record"; the key's own issue says what is wrong.
    const message = (issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined) ?? issue.message;
    const at = jsonPath([...(field ? [field] : []), ...issue.path]);
    throw new BadRequestError(`The sample is not valid${at ? ` at ${at}` : ''}: ${message}`, 'BAD_SAMPLE');
  }
  return parsed.data;
}

/**
 * The request a flow sees when it runs on a sample: sent to its test URL with the sample's
 * parts, and by default the first method its webhook accepts. A flow no webhook starts (an
 * error-handler flow) gets a POST with an empty path, as when the server starts it.
 */
export function sampleTrigger(compiled: CompiledFlow, webhookPath: string, input: SampleInput): TriggerRequest {
  const webhook = compiled.trigger.definition.type === 'webhook' ? (compiled.trigger.config as WebhookConfig) : undefined;
  return {
    method: input.method ?? webhook?.methods[0] ?? 'POST',
    path: webhook ? `/webhook-test/${webhookPath}` : '',
    headers: input.headers ?? {},
    query: input.query ?? {},
    params: {},
    body: input.body,
  };
}

/** A request as it is kept as a sample: credentials redacted, stamped, and at most `maxSampleBytes`. */
export function toFlowSample(request: TriggerRequest): FlowSample {
  const sample: FlowSample = { ...recordRequest(request), receivedAt: new Date().toISOString() };
  if (Buffer.byteLength(JSON.stringify(sample)) > maxSampleBytes) {
    throw new BadRequestError(`The sample is larger than ${maxSampleBytes / 1024 / 1024} MB; use a smaller request to try the flow out.`, 'PAYLOAD_TOO_LARGE', 413);
  }
  return sample;
}
