import { hmacHeaderScheme } from './hmac-header.js';
import { bodyField } from './signature-scheme.js';

/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<body>">`
 * keyed with the app's signing secret. The Events API's `event_id` is the delivery id.
 */
export const slackScheme = hmacHeaderScheme({
  header: 'x-slack-signature',
  prefix: 'v0=',
  algorithm: 'sha256',
  encoding: 'hex',
  timestamp: { header: 'x-slack-request-timestamp', signedPrefix: (timestamp) => `v0:${timestamp}:` },
  deliveryId: (_headers, body) => bodyField(body, 'event_id'),
});
