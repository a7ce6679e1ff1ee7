import type { WebhookConfig } from '../../../nodes/webhook.js';
import type { CredentialSource } from '../../credentials/types.js';
import type { AuthCheck } from './auth-check.js';
import { keysOf, type SignatureScheme, type SigningKeys } from './signature-scheme.js';
import { signatureSchemeOf } from './signature-schemes.js';

type SignatureAuth = Extract<WebhookConfig['auth'], { type: 'signature' }>;

/** Verifies the sender's signature over the raw body with the named secret (current and previous). */
export function signatureCheck(auth: SignatureAuth, credentials: CredentialSource): AuthCheck {
  const scheme = signatureSchemeOf(auth);
  return (req, body, nowMs) => {
    const keys = keysFor(scheme, auth.credential, credentials);
    if (!keys) return 'credential';
    const verdict = scheme.verify({ headers: req.headers, body, nowSeconds: Math.floor(nowMs / 1000), toleranceSeconds: auth.toleranceSeconds }, keys);
    return verdict === 'ok' ? undefined : verdict;
  };
}

function keysFor(scheme: SignatureScheme, name: string, credentials: CredentialSource): SigningKeys | undefined {
  for (const kind of scheme.credentialTypes) {
    const fields = credentials.resolve(name, kind);
    if (fields) {
      const keys = keysOf(kind, fields);
      return keys.values.length > 0 ? keys : undefined;
    }
  }
  return undefined;
}
