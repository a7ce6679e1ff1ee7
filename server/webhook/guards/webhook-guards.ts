import type { IncomingMessage } from 'node:http';
import type { WebhookConfig } from '../../../nodes/webhook.js';
import type { CredentialSource } from '../../credentials/types.js';
import { authCheckOf } from './auth-check.js';
import { clientAddress, type TrustProxy } from './client-address.js';
import { deliveryKey } from './delivery-log.js';
import { createAllowlist } from './ip-allowlist.js';
import { createRateLimit } from './rate-limit.js';
import { WebhookRejectedError } from './rejection.js';
import { idempotencyKey } from './signature-scheme.js';
import { signatureSchemeOf } from './signature-schemes.js';

export interface GuardEnvironment {
  credentials: CredentialSource;
  trustProxy: TrustProxy;
  /** The server's body limit: a flow may lower it, never raise it. */
  maxBodyBytes: number;
}

/**
 * The guards of one flow version, built once when its trigger config is first served, so a call
 * pays only for the guards its flow uses. Each check throws WebhookRejectedError.
 */
export interface WebhookGuards {
  /** Before the body is read: the caller's address, then the rate. */
  admit(req: IncomingMessage, nowMs: number): void;
  readonly maxBodyBytes: number;
  /** Over the raw body: credentials or signature, and a signed timestamp's age. */
  authenticate(req: IncomingMessage, body: Buffer, nowMs: number): void;
  /** The de-duplication key of a verified call, when de-duplication is on and the call has a delivery id. */
  deliveryKey(req: IncomingMessage, body: unknown): string | undefined;
  readonly dedupeWindowSeconds: number;
  /** Origins allowed to call from a browser; undefined when CORS is off. */
  readonly corsOrigins: readonly string[] | undefined;
}

/** Builds a flow's guards; undefined when its trigger asks for none (the call path then skips them entirely). */
export function createGuards(flowId: string, config: WebhookConfig, env: GuardEnvironment): WebhookGuards | undefined {
  const allowed = config.allowIps?.length ? createAllowlist(config.allowIps) : undefined;
  const take = config.rateLimit?.perMinute ? createRateLimit(config.rateLimit.perMinute) : undefined;
  const check = authCheckOf(config.auth, env.credentials);
  const maxBodyBytes = Math.min(config.maxBodyBytes ?? env.maxBodyBytes, env.maxBodyBytes);
  const corsOrigins = config.cors?.origins.length ? config.cors.origins : undefined;
  const dedupe = config.dedupe.enabled;
  if (!allowed && !take && !check && !dedupe && !corsOrigins && maxBodyBytes === env.maxBodyBytes) return undefined;
  const deliveryIdOf = config.auth.type === 'signature' ? signatureSchemeOf(config.auth).deliveryId : idempotencyKey;
  const credential = config.auth.type === 'none' ? undefined : config.auth.credential;
  return {
    admit(req, nowMs) {
      if (allowed && !allowed(clientAddress(req, env.trustProxy))) throw new WebhookRejectedError('ip');
      const wait = take?.(nowMs);
      if (wait) throw new WebhookRejectedError('rate', { retryAfterSeconds: wait });
    },
    maxBodyBytes,
    authenticate(req, body, nowMs) {
      const reason = check?.(req, body, nowMs);
      if (reason) throw new WebhookRejectedError(reason, { credential });
    },
    deliveryKey: (req, body) => (dedupe ? deliveryKey(flowId, deliveryIdOf(req.headers, body)) : undefined),
    dedupeWindowSeconds: config.dedupe.windowSeconds,
    corsOrigins,
  };
}
