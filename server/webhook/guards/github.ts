import { hmacHeaderScheme } from './hmac-header.js';
import { headerValue } from './signature-scheme.js';

/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`; no timestamp is signed. */
export const githubScheme = hmacHeaderScheme({
  header: 'x-hub-signature-256',
  prefix: 'sha256=',
  algorithm: 'sha256',
  encoding: 'hex',
  deliveryId: (headers) => headerValue(headers, 'x-github-delivery'),
});
