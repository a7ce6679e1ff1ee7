import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialFields } from '../../credentials/types.js';

/** What a scheme checks: the request's headers and raw body, at a given time. */
export interface SignedRequest {
  headers: IncomingHttpHeaders;
  body: Buffer;
  nowSeconds: number;
  toleranceSeconds: number;
}

/** The keys a scheme verifies with: the current secret (or public key) and the one being rotated out. */
export type SigningKeys = { kind: 'hmacSecret'; values: string[] } | { kind: 'publicKey'; values: string[] };

/** `ok`, or the reason to refuse: no valid signature, or a valid one over a timestamp outside the tolerance. */
export type Verdict = 'ok' | 'signature' | 'stale';

/** One sender's way of signing its webhooks. */
export interface SignatureScheme {
  /** The credential types it can verify with, in the order they are looked up. */
  credentialTypes: readonly SigningKeys['kind'][];
  verify(request: SignedRequest, keys: SigningKeys): Verdict;
  /** The sender's id of this delivery (for de-duplication), read from headers or the parsed, verified body. */
  deliveryId(headers: IncomingHttpHeaders, body: unknown): string | undefined;
}

/** A header's value; an absurdly long one counts as absent. (Node joins a repeated header with ", ", which then fails to verify.) */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.length <= 4096 ? value : undefined;
}

/** The current and previous values of a signing credential. */
export function keysOf(kind: SigningKeys['kind'], fields: CredentialFields['hmacSecret'] | CredentialFields['publicKey']): SigningKeys {
  const values = 'secret' in fields ? [fields.secret, fields.previousSecret] : [fields.key, fields.previousKey];
  return { kind, values: values.filter((value): value is string => typeof value === 'string' && value !== '') } as SigningKeys;
}

/** A signed Unix timestamp checked against the clock: `stale` when it is further than the tolerance either way. */
export function checkTimestamp(text: string, request: SignedRequest): Verdict {
  return Math.abs(request.nowSeconds - Number(text)) > request.toleranceSeconds ? 'stale' : 'ok';
}

export const isUnixSeconds = (text: string | undefined): text is string => text !== undefined && /^\d{1,12}$/.test(text);

/** The id a sender puts in `Idempotency-Key`, the fallback delivery id of every scheme. */
export const idempotencyKey = (headers: IncomingHttpHeaders) => headerValue(headers, 'idempotency-key');

/** A string field `name` of a parsed JSON object body. */
export function bodyField(body: unknown, name: string): string | undefined {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

const encoded = { hex: /^(?:[0-9A-Fa-f]{2})+$/, base64: /^[A-Za-z0-9+/]+={0,2}$/ };

/** Decodes a received signature strictly: trailing junk or a wrong alphabet makes it no signature (Buffer.from alone would skip them). */
export function decodeSignature(text: string, encoding: 'hex' | 'base64'): Buffer {
  return text.length <= 1024 && encoded[encoding].test(text) ? Buffer.from(text, encoding) : Buffer.alloc(0);
}
