import { createHmac } from 'node:crypto';
import { sameMac } from './constant-time.js';
import { bodyField, checkTimestamp, decodeSignature, headerValue, idempotencyKey, isUnixSeconds, type SignatureScheme } from './signature-scheme.js';

/**
 * Stripe: `Stripe-Signature: t=<unix seconds>,v1=<hex>,v1=<hex>…`, each v1 an HMAC-SHA256 of
 * `<t>.<body>` keyed with the endpoint's whole `whsec_…` secret as text (not base64-decoded,
 * unlike Standard Webhooks). Any v1 may match; the event id in the verified body is the delivery id.
 */
export const stripeScheme: SignatureScheme = {
  credentialTypes: ['hmacSecret'],
  verify(request, keys) {
    const header = headerValue(request.headers, 'stripe-signature');
    if (keys.kind !== 'hmacSecret' || header === undefined) return 'signature';
    let timestamp: string | undefined;
    const received: Buffer[] = [];
    for (const item of header.split(',').slice(0, 32)) {
      const at = item.indexOf('=');
      if (at < 0) continue;
      const name = item.slice(0, at).trim();
      if (name === 't') timestamp = item.slice(at + 1);
      else if (name === 'v1') received.push(decodeSignature(item.slice(at + 1), 'hex'));
    }
    if (!isUnixSeconds(timestamp)) return 'signature';
    let matched = false;
    for (const secret of keys.values) {
      const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(request.body).digest();
      for (const signature of received) matched = sameMac(signature, mac) || matched;
    }
    if (!matched) return 'signature';
    return checkTimestamp(timestamp, request);
  },
  deliveryId: (headers, body) => bodyField(body, 'id') ?? idempotencyKey(headers),
};
