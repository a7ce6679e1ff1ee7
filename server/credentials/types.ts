/**
 * The kinds of named credentials the vault holds, and the fields of each. Secrets are kept
 * encrypted at rest; nodes and webhook guards refer to a credential by its name only.
 * A field named `previous…` holds the secret being rotated out: both are accepted meanwhile.
 */
export interface CredentialFields {
  /** An API key sent (outgoing) or expected (incoming webhook) in a header. */
  apiKey: { header: string; value: string; previousValue?: string };
  /** A bearer token for `Authorization: Bearer …`. */
  bearer: { token: string };
  /** HTTP basic auth. */
  basic: { username: string; password: string };
  /** An SMTP account for the e-mail node. */
  smtp: { host: string; port: number; secure: boolean; username?: string; password?: string };
  /** A shared signing secret (HMAC, also Standard Webhooks' `whsec_…`). */
  hmacSecret: { secret: string; previousSecret?: string };
  /** A signer's public key (Standard Webhooks' asymmetric `whpk_…`); not secret, kept with the others. */
  publicKey: { key: string; previousKey?: string };
}

export type CredentialType = keyof CredentialFields;

/** What the API shows of a credential: never a secret value. */
export interface CredentialInfo {
  name: string;
  type: CredentialType;
  description?: string;
  /** The names of the fields that are set (values are never shown). */
  fields: string[];
  createdAt: string;
  updatedAt: string;
}

/** Reads decrypted credentials inside the server (webhook guards, node services). Synchronous: the webhook hot path calls it. */
export interface CredentialSource {
  /** The decrypted fields of credential `name` when it exists and has type `type`; undefined otherwise. */
  resolve<T extends CredentialType>(name: string, type: T): CredentialFields[T] | undefined;
}
