import type { TriggerRequest } from '../../nodes/define-node.js';
import type { RecordedRequest } from '../store/types.js';

const secretHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'stripe-signature',
  'webhook-signature',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-shopify-hmac-sha256',
  'x-slack-signature',
]);
const secretWords = /token|secret|signature|password|api[-_]?key|auth/i;

/** Verdicts on header names seen so far (the same few names arrive on every request); bounded, since senders choose the names. */
const verdicts = new Map<string, boolean>();

/** Header names whose values must never be stored: credentials, cookies and signatures. */
function isSecretHeader(name: string): boolean {
  let secret = verdicts.get(name);
  if (secret === undefined) {
    secret = secretHeaders.has(name) || secretWords.test(name);
    if (verdicts.size < 1000) verdicts.set(name, secret);
  }
  return secret;
}

/** The trigger request as it may be stored: every credential-bearing header redacted. */
export function recordRequest(request: TriggerRequest): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const name in request.headers) headers[name] = isSecretHeader(name) ? '[redacted]' : request.headers[name]!;
  return { method: request.method, path: request.path, headers, query: request.query, body: request.body };
}
