import type { WebhookConfig } from '../../../nodes/webhook.js';
import { githubScheme } from './github.js';
import { hmacHeaderScheme } from './hmac-header.js';
import { shopifyScheme } from './shopify.js';
import type { SignatureScheme } from './signature-scheme.js';
import { slackScheme } from './slack.js';
import { standardWebhooksScheme } from './standard-webhooks.js';
import { stripeScheme } from './stripe.js';

type SignatureAuth = Extract<WebhookConfig['auth'], { type: 'signature' }>;

/** The scheme a signature guard checks: a sender's preset, or the generic one its config describes. */
export function signatureSchemeOf(auth: SignatureAuth): SignatureScheme {
  switch (auth.preset) {
    case 'standardWebhooks':
      return standardWebhooksScheme;
    case 'github':
      return githubScheme;
    case 'stripe':
      return stripeScheme;
    case 'shopify':
      return shopifyScheme;
    case 'slack':
      return slackScheme;
    case 'generic': {
      const generic = auth.generic!;
      return hmacHeaderScheme({ header: generic.header.toLowerCase(), prefix: generic.prefix, algorithm: generic.algorithm, encoding: generic.encoding });
    }
  }
}
