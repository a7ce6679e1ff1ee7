import type { CredentialData, CredentialFields, CredentialType } from '../api/credentials.js';

/** How a credential field is typed in: secrets as password inputs (never shown back), the rest as text, number or yes/no. */
export interface CredentialFieldForm {
  name: string;
  label: string;
  kind: 'secret' | 'text' | 'number' | 'boolean';
  required: boolean;
  hint?: string;
}

interface CredentialTypeForm<T extends CredentialType> {
  label: string;
  description: string;
  fields: (CredentialFieldForm & { name: keyof CredentialFields[T] & string })[];
}

const rotation = 'Optional: while a sender rotates its secret, the old one keeps being accepted too.';

/** Every credential type of server/credentials/types.ts, with its fields as the forms show them. */
export const credentialForms: { [T in CredentialType]: CredentialTypeForm<T> } = {
  apiKey: {
    label: 'API key',
    description: 'A key sent in a header: by an HTTP request, or expected from a webhook caller.',
    fields: [
      { name: 'header', label: 'Header name', kind: 'text', required: true, hint: 'For example X-Api-Key.' },
      { name: 'value', label: 'Key', kind: 'secret', required: true },
      { name: 'previousValue', label: 'Previous key', kind: 'secret', required: false, hint: rotation },
    ],
  },
  bearer: {
    label: 'Bearer token',
    description: 'A token sent as Authorization: Bearer ….',
    fields: [{ name: 'token', label: 'Token', kind: 'secret', required: true }],
  },
  basic: {
    label: 'Basic auth',
    description: 'A username and password for HTTP basic authentication.',
    fields: [
      { name: 'username', label: 'Username', kind: 'text', required: true },
      { name: 'password', label: 'Password', kind: 'secret', required: true },
    ],
  },
  smtp: {
    label: 'SMTP account',
    description: 'The mail server the e-mail node sends through.',
    fields: [
      { name: 'host', label: 'Host', kind: 'text', required: true, hint: 'For example smtp.example.com.' },
      { name: 'port', label: 'Port', kind: 'number', required: true, hint: 'Usually 587 (STARTTLS) or 465 (TLS).' },
      { name: 'secure', label: 'TLS from the start (port 465)', kind: 'boolean', required: true },
      { name: 'username', label: 'Username', kind: 'text', required: false },
      { name: 'password', label: 'Password', kind: 'secret', required: false },
    ],
  },
  hmacSecret: {
    label: 'Signing secret (HMAC)',
    description: 'The secret a sender signs its webhooks with: GitHub, Stripe (whsec_…), Shopify, Slack, Standard Webhooks (whsec_…).',
    fields: [
      { name: 'secret', label: 'Secret', kind: 'secret', required: true },
      { name: 'previousSecret', label: 'Previous secret', kind: 'secret', required: false, hint: rotation },
    ],
  },
  publicKey: {
    label: 'Public key',
    description: 'A sender’s public key (Standard Webhooks whpk_…) to verify asymmetric signatures.',
    fields: [
      { name: 'key', label: 'Public key', kind: 'text', required: true },
      { name: 'previousKey', label: 'Previous public key', kind: 'text', required: false, hint: rotation },
    ],
  },
};

export const credentialTypes = Object.keys(credentialForms) as CredentialType[];

/** The fields typed in a credential form, as text (checkboxes as 'true'/'false', '' for untouched). */
export type TypedFields = Record<string, string>;

/**
 * The `data` to send for what was typed: blank fields are left out (on update the server keeps
 * their stored value), `removed` optional fields sent as null (the server drops them), numbers
 * and yes/no converted. Answers the problem instead when a new credential misses a required field.
 *
 * @example
 * credentialDataOf('basic', { username: 'shop', password: '' }, false) // { data: { username: 'shop' } }
 */
export function credentialDataOf(type: CredentialType, typed: TypedFields, creating: boolean, removed: ReadonlySet<string> = new Set()): { data: CredentialData } | { problem: string } {
  const data: CredentialData = {};
  for (const field of credentialForms[type].fields) {
    const text = typed[field.name] ?? '';
    if (!field.required && removed.has(field.name)) {
      data[field.name] = null;
      continue;
    }
    if (text === '') {
      if (creating && field.required && field.kind !== 'boolean') return { problem: `Fill in “${field.label}”.` };
      if (creating && field.kind === 'boolean') data[field.name] = false;
      continue;
    }
    if (field.kind === 'number') {
      const number = Number(text);
      if (!Number.isInteger(number) || number <= 0) return { problem: `“${field.label}” must be a whole number above 0.` };
      data[field.name] = number;
    } else if (field.kind === 'boolean') data[field.name] = text === 'true';
    else data[field.name] = text;
  }
  return { data };
}

/** Credential names: what the server accepts (server/credentials). */
export const credentialNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
