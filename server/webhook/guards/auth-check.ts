import type { IncomingMessage } from 'node:http';
import type { WebhookConfig } from '../../../nodes/webhook.js';
import type { CredentialSource } from '../../credentials/types.js';
import { basicAuthCheck } from './basic-auth.js';
import { headerTokenCheck } from './header-token.js';
import type { GuardReason } from './rejection.js';
import { signatureCheck } from './signature.js';

/** Checks one call's credentials or signature over its raw body: undefined when it passes, else why it fails. */
export type AuthCheck = (req: IncomingMessage, body: Buffer, nowMs: number) => GuardReason | undefined;

/** The check a trigger's `auth` setting asks for; undefined for `none`. Secrets are read per call, so a changed credential applies at once. */
export function authCheckOf(auth: WebhookConfig['auth'], credentials: CredentialSource): AuthCheck | undefined {
  switch (auth.type) {
    case 'none':
      return undefined;
    case 'headerToken':
      return headerTokenCheck(auth.credential, credentials);
    case 'basic':
      return basicAuthCheck(auth.credential, credentials);
    case 'signature':
      return signatureCheck(auth, credentials);
  }
}
