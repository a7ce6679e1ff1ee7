import { z } from 'zod';
import { defineNode } from './define-node.js';
import { webhookGuardsConfig } from './webhook-guards.js';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** A custom webhook path: one or more URL-safe segments, no dot segments, no empty segments. */
const customPath = z
  .string()
  .max(200)
  .regex(
    /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/,
    'Use URL-safe segments separated by "/", such as "shop/orders" (letters, digits, "-", "_", ".", "~").',
  )
  .meta({ title: 'Custom path', description: 'Serve the flow at /webhook/<path> instead of its secret token URL.' });

export const webhookConfig = z.object({
  methods: z
    .array(z.enum(httpMethods))
    .min(1, 'Allow at least one HTTP method.')
    .default(['POST'])
    .meta({ title: 'Allowed methods' }),
  path: customPath.optional(),
  respond: z
    .enum(['immediately', 'lastNode'])
    .default('lastNode')
    .meta({
      title: 'Respond',
      description: 'immediately: 202 with the execution id; lastNode: the flow result (or a respond node) answers.',
    }),
  responseTimeoutMs: z
    .number()
    .int()
    .min(100)
    .max(300_000)
    .default(30_000)
    .meta({ title: 'Response budget (ms)', description: 'How long a lastNode caller waits for the result.' }),
  onTimeout: z
    .enum(['accept', 'fail'])
    .default('accept')
    .meta({
      title: 'When the budget runs out',
      description: 'accept: 202 with a status URL to poll; fail: 504. The execution finishes either way.',
    }),
  ...webhookGuardsConfig,
});

export type WebhookConfig = z.output<typeof webhookConfig>;

/** The trigger: its output is the incoming request (method, path, headers, query, params, body). */
export const webhookNode = defineNode({
  type: 'webhook',
  label: 'Webhook',
  category: 'trigger',
  description: 'Starts the flow when its URL is called.',
  outputs: ['out'],
  config: webhookConfig,
});
