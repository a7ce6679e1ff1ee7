import { hmacHeaderScheme } from './hmac-header.js';
import { headerValue } from './signature-scheme.js';

/** Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>` keyed with the app's client secret. */
export const shopifyScheme = hmacHeaderScheme({
  header: 'x-shopify-hmac-sha256',
  prefix: '',
  algorithm: 'sha256',
  encoding: 'base64',
  deliveryId: (headers) => headerValue(headers, 'x-shopify-webhook-id'),
});
