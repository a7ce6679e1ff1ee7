import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { StartupError } from '../errors.js';
import type { SealedValue } from './cipher.js';
import { readStartupFile } from './read-startup-file.js';
import type { CredentialInfo } from './types.js';

/** One credential as stored: what the API may show, and the sealed JSON of its fields. */
export interface StoredCredential extends Omit<CredentialInfo, 'name'> {
  sealed: SealedValue;
}

/** `credentials.json`: ciphertext and non-secret metadata only. */
export interface VaultDocument {
  version: 1;
  /** The fingerprint of the key the values are sealed with (see keyIdOf). */
  keyId: string;
  credentials: Record<string, StoredCredential>;
}

/** The vault file's document, or undefined when there is none yet. */
export function readVaultFile(file: string): VaultDocument | undefined {
  const text = readStartupFile(file, 'The credentials file');
  if (text === undefined) return undefined;
  const document = parse(text);
  if (!document) throw new StartupError(`The credentials file ${file} is not a Hookflow vault; restore it from your backup.`);
  return document;
}

/**
 * Replaces the vault file atomically: a new file (mode 0600) is written and synced next to it,
 * then renamed over it, so a crash leaves the old file or the new one, never half of one.
 */
export async function writeVaultFile(file: string, document: VaultDocument): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(document, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function parse(text: string): VaultDocument | undefined {
  try {
    const document = JSON.parse(text) as Partial<VaultDocument> | null;
    const valid = document?.version === 1 && typeof document.keyId === 'string' && document.credentials !== null && typeof document.credentials === 'object';
    return valid ? (document as VaultDocument) : undefined;
  } catch {
    return undefined;
  }
}
