import type { CredentialSource } from '../../credentials/types.js';
import type { AuthCheck } from './auth-check.js';
import { sameSecret } from './constant-time.js';
import { headerValue } from './signature-scheme.js';

/** The caller sends an API key credential's value (or, while rotating, its previous value) in the credential's header. */
export function headerTokenCheck(credential: string, credentials: CredentialSource): AuthCheck {
  return (req) => {
    const fields = credentials.resolve(credential, 'apiKey');
    if (!fields?.header || !fields.value) return 'credential';
    const received = headerValue(req.headers, fields.header.toLowerCase());
    if (received === undefined) return 'auth';
    let matched = sameSecret(received, fields.value);
    if (fields.previousValue) matched = sameSecret(received, fields.previousValue) || matched;
    if (!matched) return 'auth';
    // The flow sees the request, and a header named freely (X-Shop-Check) escapes the recorder's redaction.
    req.headers[fields.header.toLowerCase()] = '[redacted]';
    return undefined;
  };
}
