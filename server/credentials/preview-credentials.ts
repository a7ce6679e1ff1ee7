import type { CredentialFields, CredentialSource } from './types.js';

const placeholder = 'preview-placeholder';

/** Stand-ins of each type: valid in shape, worthless as secrets. */
const placeholders: CredentialFields = {
  apiKey: { header: 'x-api-key', value: placeholder },
  bearer: { token: placeholder },
  basic: { username: placeholder, password: placeholder },
  smtp: { host: 'preview.invalid', port: 587, secure: false },
  hmacSecret: { secret: placeholder },
  publicKey: { key: placeholder },
};

/**
 * The credentials a preview run sees: placeholders, never the vault's values. A preview sends
 * no request and no e-mail anyway; this keeps real secrets out of it even if a node misbehaves.
 */
export const previewCredentials: CredentialSource = {
  resolve: (_name, type) => placeholders[type],
};

/** For runs outside the server (`hookflow run`): no credential resolves, so a node that needs one fails with CREDENTIAL_MISSING. */
export const noCredentials: CredentialSource = { resolve: () => undefined };
