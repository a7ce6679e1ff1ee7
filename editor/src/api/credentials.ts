import type { CredentialFields, CredentialInfo, CredentialType } from '../../../server/credentials/types.js';
import { request } from './client.js';

export type { CredentialFields, CredentialInfo, CredentialType };

/** Field values as the forms send them: only the fields typed in (on update, the others keep their stored value; null removes one). */
export type CredentialData = Record<string, string | number | boolean | null>;

const credentialPath = (name: string) => `/api/credentials/${encodeURIComponent(name)}`;

/** The vault: list what is stored (never a value), create, replace fields, delete. */
export const credentialsApi = {
  list: () => request<{ credentials: CredentialInfo[] }>('GET', '/api/credentials'),
  create: (credential: { name: string; type: CredentialType; description?: string; data: CredentialData }) =>
    request<CredentialInfo>('POST', '/api/credentials', credential),
  update: (name: string, change: { description?: string; data: CredentialData }) => request<CredentialInfo>('PUT', credentialPath(name), change),
  remove: (name: string) => request<void>('DELETE', credentialPath(name)),
};
