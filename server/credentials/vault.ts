import { hkdfSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { StartupError } from '../errors.js';
import { open, seal } from './cipher.js';
import { parseCredentialChange, parseNewCredential, type CredentialInput } from './credential-input.js';
import { isCredentialType } from './credential-schemas.js';
import { CredentialExistsError, CredentialNotFoundError } from './errors.js';
import { loadVaultKey, type KeyWarning, type VaultKey } from './encryption-key.js';
import type { CredentialFields, CredentialInfo, CredentialSource, CredentialType } from './types.js';
import { readVaultFile, writeVaultFile, type StoredCredential, type VaultDocument } from './vault-file.js';

export const vaultFileName = 'credentials.json';

/**
 * The named credentials: sealed with AES-256-GCM in `credentials.json`, opened once at start and
 * kept in memory so that `resolve` is a map lookup on the webhook hot path. Changes are written
 * one at a time, each replacing the file atomically.
 *
 * @example
 * const vault = openVault(config.dataDir, config.encryptionKey, (message) => logger.warn(message));
 * vault.resolve('crm-token', 'bearer')?.token;
 */
export class CredentialVault implements CredentialSource {
  private readonly opened = new Map<string, CredentialInput>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly vaultKey: VaultKey,
    private document: VaultDocument,
  ) {
    for (const [name, stored] of Object.entries(document.credentials)) this.opened.set(name, this.unseal(name, stored));
  }

  resolve<T extends CredentialType>(name: string, type: T): CredentialFields[T] | undefined {
    const credential = this.opened.get(name);
    return credential?.type === type ? (credential.fields as CredentialFields[T]) : undefined;
  }

  /**
   * A 32-byte key for `purpose` derived from the vault's key (HKDF-SHA256), so that other secrets
   * of the server (the signatures of resume URLs) need no key file of their own.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.vaultKey.key, Buffer.alloc(0), `hookflow ${purpose}`, 32));
  }

  /** The type of credential `name`, or undefined when there is none (nothing secret). */
  typeOf(name: string): CredentialType | undefined {
    return this.opened.get(name)?.type;
  }

  list(): CredentialInfo[] {
    return Object.keys(this.document.credentials)
      .sort()
      .map((name) => this.info(name)!);
  }

  info(name: string): CredentialInfo | undefined {
    const stored = Object.hasOwn(this.document.credentials, name) ? this.document.credentials[name] : undefined;
    if (!stored) return undefined;
    const { sealed: _sealed, ...info } = stored;
    return { name, ...info, fields: [...info.fields] };
  }

  /** Stores a new credential from an API body; throws CredentialInvalidError or CredentialExistsError. */
  async create(body: unknown): Promise<CredentialInfo> {
    const input = parseNewCredential(body);
    return this.change(input.name, () => {
      if (this.opened.has(input.name)) throw new CredentialExistsError(input.name);
      return input;
    });
  }

  /** Changes a credential's description or fields (see parseCredentialChange). */
  update(name: string, body: unknown): Promise<CredentialInfo> {
    return this.change(name, () => parseCredentialChange(this.existing(name), body));
  }

  /** Deletes a credential; `beforeRemove` may refuse (a flow still uses it) once no other change can interleave. */
  remove(name: string, beforeRemove: () => Promise<void> = async () => {}): Promise<void> {
    const next = this.writes.then(async () => {
      this.existing(name);
      await beforeRemove();
      const { [name]: _removed, ...credentials } = this.document.credentials;
      await this.save({ ...this.document, credentials });
      this.opened.delete(name);
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private existing(name: string): CredentialInput {
    const credential = this.opened.get(name);
    if (!credential) throw new CredentialNotFoundError(name);
    return credential;
  }

  private change(name: string, build: () => CredentialInput): Promise<CredentialInfo> {
    const next = this.writes.then(async () => {
      const input = build();
      const now = new Date().toISOString();
      const before = this.info(name);
      const stored: StoredCredential = {
        type: input.type,
        ...(input.description === undefined ? {} : { description: input.description }),
        fields: Object.keys(input.fields).sort(),
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
        sealed: seal(this.vaultKey.key, JSON.stringify(input.fields), additionalData(name, input.type)),
      };
      await this.save({ ...this.document, credentials: { ...this.document.credentials, [name]: stored } });
      this.opened.set(name, freeze(input));
      return this.info(name)!;
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async save(document: VaultDocument): Promise<void> {
    await writeVaultFile(this.file, document);
    this.document = document;
  }

  private unseal(name: string, stored: StoredCredential): CredentialInput {
    let fields: unknown;
    try {
      if (!isCredentialType(stored.type)) throw new Error(`unknown type "${String(stored.type)}"`);
      fields = JSON.parse(open(this.vaultKey.key, stored.sealed, additionalData(name, stored.type)));
    } catch (error) {
      throw new StartupError(
        `The credential "${name}" in ${this.file} cannot be decrypted: it was changed outside Hookflow or is damaged. Restore the file from your backup, or remove that entry and create the credential again.`,
        { cause: error },
      );
    }
    return freeze({ name, type: stored.type, fields: fields as CredentialFields[CredentialType], ...(stored.description === undefined ? {} : { description: stored.description }) });
  }
}

/**
 * Opens the vault of `dataDir` (creating its key on first start). Refuses to start with a key
 * other than the one the vault was sealed with, naming both fingerprints and where the key came
 * from, so nothing is ever sealed under two keys.
 */
export function openVault(dataDir: string, configuredKey: KeyObject | undefined, warn: KeyWarning): CredentialVault {
  const vaultKey = loadVaultKey(dataDir, configuredKey, warn);
  const file = path.join(dataDir, vaultFileName);
  const document = readVaultFile(file) ?? { version: 1, keyId: vaultKey.id, credentials: {} };
  if (document.keyId !== vaultKey.id) {
    throw new StartupError(
      `The credentials in ${file} are sealed with the key whose fingerprint is ${document.keyId}, but the key from ${vaultKey.source} has fingerprint ${vaultKey.id}. ` +
        'Start with the key the vault was created with (HOOKFLOW_ENCRYPTION_KEY, or the secret.key file from your backup of this data directory).',
    );
  }
  return new CredentialVault(file, vaultKey, document);
}

/** Binds a sealed value to its credential: the name and type are authenticated with it. */
const additionalData = (name: string, type: string) => `hookflow credential\u0000${name}\u0000${type}`;

function freeze(input: CredentialInput): CredentialInput {
  Object.freeze(input.fields);
  return Object.freeze(input);
}
