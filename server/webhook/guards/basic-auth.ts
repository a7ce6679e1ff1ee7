import type { CredentialSource } from '../../credentials/types.js';
import type { AuthCheck } from './auth-check.js';
import { sameSecret } from './constant-time.js';
import { headerValue } from './signature-scheme.js';

/** HTTP basic auth against a basic credential; username and password are both compared, whichever is wrong. */
export function basicAuthCheck(credential: string, credentials: CredentialSource): AuthCheck {
  return (req) => {
    const fields = credentials.resolve(credential, 'basic');
    if (!fields?.username || !fields.password) return 'credential';
    const match = /^Basic +([A-Za-z0-9+/=]{1,1024})$/i.exec(headerValue(req.headers, 'authorization') ?? '');
    if (!match) return 'auth';
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'auth';
    const userMatches = sameSecret(decoded.slice(0, colon), fields.username);
    const passwordMatches = sameSecret(decoded.slice(colon + 1), fields.password);
    if (!(userMatches && passwordMatches)) return 'auth';
    // The password must not reach the flow's data (`$trigger.headers`) or its records.
    req.headers.authorization = '[redacted]';
    return undefined;
  };
}
