import { z } from 'zod';
import { credentialField } from './credential-field.js';

/** The senders whose signature schemes Hookflow knows; `generic` is described field by field. */
export const signaturePresets = ['standardWebhooks', 'github', 'stripe', 'shopify', 'slack', 'generic'] as const;
export type SignaturePreset = (typeof signaturePresets)[number];

const genericSignature = z
  .object({
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'A header name: letters, digits and "-".')
      .meta({ title: 'Signature header', description: 'The header that carries the signature, such as X-Signature.' }),
    algorithm: z.enum(['sha256', 'sha512', 'sha1']).default('sha256').meta({ title: 'HMAC algorithm' }),
    encoding: z.enum(['hex', 'base64']).default('hex').meta({ title: 'Signature encoding' }),
    prefix: z
      .string()
      .max(32)
      .default('')
      .meta({ title: 'Prefix', description: 'Text before the signature in the header, such as "sha256=". Leave empty when there is none.' }),
  })
  .meta({ title: 'Custom signature', description: 'How the sender signs: an HMAC of the raw body, in one header.' });

const authConfig = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('none') }).meta({ title: 'No check', description: 'Anyone who knows the URL may call it.' }),
    z
      .object({
        type: z.literal('headerToken'),
        credential: credentialField('Token credential', 'An API key credential: the header the caller sends and the value it must hold.', ['apiKey']),
      })
      .meta({ title: 'Secret header', description: 'The caller sends a secret value in a header.' }),
    z
      .object({
        type: z.literal('basic'),
        credential: credentialField('Login credential', 'The username and password the caller must send.', ['basic']),
      })
      .meta({ title: 'Username and password', description: 'HTTP basic authentication.' }),
    z
      .object({
        type: z.literal('signature'),
        preset: z
          .enum(signaturePresets)
          .default('standardWebhooks')
          .meta({ title: 'Sender', description: 'Whose signature scheme to check: Standard Webhooks (also Svix), GitHub, Stripe, Shopify, Slack, or a custom one.' }),
        credential: credentialField(
          'Signing secret',
          'The secret the sender signs with (or, for Standard Webhooks v1a, its public key). A second, previous secret is accepted too while you rotate.',
          ['hmacSecret', 'publicKey'],
        ),
        generic: genericSignature.optional(),
        toleranceSeconds: z
          .number()
          .int()
          .min(1)
          .max(3600)
          .default(300)
          .meta({ title: 'Clock tolerance (s)', description: 'How old (or early) a signed timestamp may be; used by the senders that sign one.' }),
      })
      .meta({ title: 'Signed by the sender', description: 'The sender signs every event; tampered or forged events are refused.' }),
  ])
  .refine((auth) => auth.type !== 'signature' || auth.preset !== 'generic' || auth.generic !== undefined, {
    message: 'Describe the custom signature (its header, algorithm and encoding).',
    path: ['generic'],
  })
  .default({ type: 'none' })
  .meta({ title: 'Who may call', description: 'How a call proves it comes from the sender you expect. Refused calls get 401 and never run.' });

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for an IPv4 or IPv6 address or CIDR range; uses only the URL parser, so it runs in the browser too. */
export function isAddressRange(text: string): boolean {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
  if (ipv4.test(address)) return prefix === undefined || Number(prefix) <= 32;
  if (!address.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(address)) return false;
  try {
    new URL(`http://[${address}]/`);
  } catch {
    return false;
  }
  return prefix === undefined || Number(prefix) <= 128;
}

const origin = z
  .string()
  .max(200)
  .refine((value) => value === '*' || /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value), 'An origin such as https://shop.example.com, or * for any.');

/**
 * The webhook trigger's guards, checked before any flow code runs. Every field defaults to "off",
 * so a flow saved before guards existed behaves exactly as it did.
 */
export const webhookGuardsConfig = {
  auth: authConfig,
  dedupe: z
    .object({
      enabled: z.boolean().default(false).meta({ title: 'Ignore repeated deliveries' }),
      windowSeconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 3600)
        .default(24 * 3600)
        .meta({ title: 'Remember deliveries for (s)' }),
    })
    .default({ enabled: false, windowSeconds: 24 * 3600 })
    .meta({
      title: 'Repeated deliveries',
      description: 'A delivery whose id (webhook-id, X-GitHub-Delivery, Stripe event id, X-Shopify-Webhook-Id, Idempotency-Key) was seen runs only once; the repeat gets the first execution id.',
    }),
  allowIps: z
    .array(z.string().max(64).refine(isAddressRange, 'An IPv4 or IPv6 address or range, such as 192.0.2.0/24 or 2001:db8::/32.'))
    .max(200)
    .optional()
    .meta({ title: 'Allowed addresses', description: 'Only calls from these addresses or ranges are accepted (403 otherwise). Leave empty to accept any.' }),
  rateLimit: z
    .object({
      perMinute: z.number().int().min(1).max(1_000_000).optional().meta({ title: 'Calls per minute', description: 'Leave empty for no limit.' }),
    })
    .optional()
    .meta({ title: 'Rate limit', description: 'Calls beyond this rate get 429 with Retry-After and do not run.' }),
  maxBodyBytes: z
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .optional()
    .meta({ title: 'Largest body (bytes)', description: "Larger bodies get 413. The server's own limit (HOOKFLOW_MAX_BODY_BYTES) applies when it is lower." }),
  concurrency: z
    .object({
      limit: z.number().int().min(1).max(1000).default(1).meta({ title: 'Running at once', description: 'How many executions of this flow may run at the same time.' }),
      queue: z
        .number()
        .int()
        .min(0)
        .max(10_000)
        .default(100)
        .meta({ title: 'Waiting at most', description: 'How many more calls wait their turn, in arrival order; past that, 429 with Retry-After.' }),
    })
    .optional()
    .meta({
      title: 'Concurrency',
      description: 'Runs at most this many executions of the flow at once (e.g. 1 to handle events one by one). Leave empty for no limit.',
    }),
  cors: z
    .object({
      origins: z.array(origin).max(50).default([]).meta({ title: 'Allowed origins' }),
    })
    .optional()
    .meta({ title: 'Browser calls (CORS)', description: 'Web pages on these origins may call the webhook from a browser. Leave empty to allow none.' }),
};
