import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sameMac } from './constant-time.js';
import { checkTimestamp, decodeSignature, headerValue, idempotencyKey, isUnixSeconds, type SignatureScheme } from './signature-scheme.js';

export interface HmacHeaderOptions {
  /** The lower-case header carrying `prefix` + the encoded MAC. */
  header: string;
  prefix: string;
  algorithm: 'sha1' | 'sha256' | 'sha512';
  encoding: 'hex' | 'base64';
  /** A signed timestamp: its header, and the text signed ahead of the body. */
  timestamp?: { header: string; signedPrefix(timestamp: string): string };
  /** The sender's delivery id; `Idempotency-Key` when absent. */
  deliveryId?(headers: IncomingHttpHeaders, body: unknown): string | undefined;
}

/**
 * The common shape of webhook signatures: one header holding a prefix and the hex or base64
 * HMAC of the raw body (GitHub, Shopify, the generic scheme), optionally with a timestamp signed
 * ahead of the body (Slack). Secrets are used as their UTF-8 bytes.
 */
export function hmacHeaderScheme(options: HmacHeaderOptions): SignatureScheme {
  return {
    credentialTypes: ['hmacSecret'],
    verify(request, keys) {
      const signature = headerValue(request.headers, options.header);
      if (keys.kind !== 'hmacSecret' || !signature?.startsWith(options.prefix)) return 'signature';
      const received = decodeSignature(signature.slice(options.prefix.length), options.encoding);
      const timestamp = options.timestamp && headerValue(request.headers, options.timestamp.header);
      if (options.timestamp && !isUnixSeconds(timestamp)) return 'signature';
      const signedPrefix = options.timestamp ? options.timestamp.signedPrefix(timestamp!) : '';
      let matched = false;
      for (const secret of keys.values) {
        const mac = createHmac(options.algorithm, secret).update(signedPrefix).update(request.body).digest();
        matched = sameMac(received, mac) || matched;
      }
      if (!matched) return 'signature';
      return timestamp ? checkTimestamp(timestamp, request) : 'ok';
    },
    deliveryId: (headers, body) => options.deliveryId?.(headers, body) ?? idempotencyKey(headers),
  };
}
