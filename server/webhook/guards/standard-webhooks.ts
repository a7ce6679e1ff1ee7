import { createHmac, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sameMac } from './constant-time.js';
import { checkTimestamp, decodeSignature, headerValue, idempotencyKey, isUnixSeconds, type SignatureScheme, type SigningKeys } from './signature-scheme.js';

/** Standard Webhooks' headers, or Svix's names for the same ones. */
const header = (headers: IncomingHttpHeaders, name: 'id' | 'timestamp' | 'signature') =>
  headerValue(headers, `webhook-${name}`) ?? headerValue(headers, `svix-${name}`);

/** At most this many signatures are tried per call (each v1a one costs an ed25519 verification). */
const maxSignatures = 8;

/**
 * Standard Webhooks v1 (also Svix): `webhook-signature` holds space-separated `v1,<base64>`
 * HMAC-SHA256 signatures of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the base64
 * bytes after `whsec_`; or `v1a,<base64>` ed25519 signatures of the same content, checked with a
 * `whpk_` public key. Any one match is enough. The message id is the delivery id.
 */
export const standardWebhooksScheme: SignatureScheme = {
  credentialTypes: ['hmacSecret', 'publicKey'],
  verify(request, keys) {
    const id = header(request.headers, 'id');
    const timestamp = header(request.headers, 'timestamp');
    const signatures = header(request.headers, 'signature');
    if (id === undefined || !isUnixSeconds(timestamp) || signatures === undefined) return 'signature';
    const content = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), request.body]);
    const candidates = signatures.split(' ').slice(0, maxSignatures);
    if (!matchesAny(content, candidates, keys)) return 'signature';
    return checkTimestamp(timestamp, request);
  },
  deliveryId: (headers) => header(headers, 'id') ?? idempotencyKey(headers),
};

function matchesAny(content: Buffer, candidates: string[], keys: SigningKeys): boolean {
  const version = keys.kind === 'hmacSecret' ? 'v1,' : 'v1a,';
  const received = candidates.filter((candidate) => candidate.startsWith(version)).map((candidate) => decodeSignature(candidate.slice(version.length), 'base64'));
  let matched = false;
  for (const value of keys.values) {
    if (keys.kind === 'hmacSecret') {
      const mac = createHmac('sha256', decodeKey(value, 'whsec_')).update(content).digest();
      for (const signature of received) matched = sameMac(signature, mac) || matched;
    } else {
      const key = publicKeyOf(value);
      for (const signature of received) matched = (key !== undefined && signature.length === 64 && verify(null, content, key, signature)) || matched;
    }
  }
  return matched;
}

const decodeKey = (value: string, prefix: string) => Buffer.from(value.startsWith(prefix) ? value.slice(prefix.length) : value, 'base64');

/** Public keys already imported, by their `whpk_…` text (a handful per server). */
const publicKeys = new Map<string, KeyObject | undefined>();

/**
 * The ed25519 key of a `whpk_<base64>` text: the 32 raw key bytes, or (since the specification
 * only says "base64 encoded") their DER SubjectPublicKeyInfo; undefined when it is neither.
 */
function publicKeyOf(text: string): KeyObject | undefined {
  if (publicKeys.has(text)) return publicKeys.get(text);
  const raw = decodeKey(text, 'whpk_');
  let key: KeyObject | undefined;
  try {
    key = raw.length === 32 ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }) : createPublicKey({ key: raw, format: 'der', type: 'spki' });
  } catch {
    key = undefined;
  }
  if (key?.asymmetricKeyType !== 'ed25519') key = undefined;
  if (publicKeys.size >= 100) publicKeys.clear();
  publicKeys.set(text, key);
  return key;
}
