import type { IncomingHttpHeaders } from 'node:http';
import type { SignedRequest, SigningKeys } from '../../../server/webhook/guards/signature-scheme.js';

/** A request as a scheme sees it: lower-case headers, raw body, the clock at `nowSeconds`. */
export function signedRequest(headers: Record<string, string>, body: string | Buffer, nowSeconds = Math.floor(Date.now() / 1000)): SignedRequest {
  const lower: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return { headers: lower, body: Buffer.isBuffer(body) ? body : Buffer.from(body), nowSeconds, toleranceSeconds: 300 };
}

export const secrets = (...values: string[]): SigningKeys => ({ kind: 'hmacSecret', values });
