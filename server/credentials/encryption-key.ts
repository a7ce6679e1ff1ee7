import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../errors.js';
import { readStartupFile } from './read-startup-file.js';

/** The vault's key: the AES-256 key itself and a fingerprint that names it without revealing it. */
export interface VaultKey {
  key: KeyObject;
  /** First 16 hex digits of HMAC-SHA256(key, "hookflow vault key id"): stored with the vault to spot a wrong key. */
  id: string;
  /** Where the key came from, for messages: the environment variable or the key file's path. */
  source: string;
}

export const keyFileName = 'secret.key';

/**
 * Reads a 32-byte key written as 64 hex digits or as base64; undefined for anything else, so
 * the caller can refuse it without echoing it.
 *
 * @example parseEncryptionKey('00'.repeat(32))?.export().length // 32
 */
export function parseEncryptionKey(text: string): KeyObject | undefined {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed) ? fromBase64(trimmed) : undefined;
  return bytes?.length === 32 ? createSecretKey(bytes) : undefined;
}

/** Decodes base64 or base64url only when it is the canonical encoding of its bytes (no stray bits). */
function fromBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  const unpadded = text.replace(/=$/, '');
  return bytes.toString('base64').replace(/=$/, '') === unpadded || bytes.toString('base64url') === unpadded ? bytes : undefined;
}

export interface KeyWarning {
  (message: string, details: Record<string, unknown>): void;
}

/**
 * The vault key: `configured` (from HOOKFLOW_ENCRYPTION_KEY) when given, else the key file in
 * `dataDir`, generated on first start with mode 0600. `wx` creates it only if it does not exist,
 * so two servers starting at once cannot each write their own key.
 */
export function loadVaultKey(dataDir: string, configured: KeyObject | undefined, warn: KeyWarning): VaultKey {
  if (configured) return { key: configured, id: keyIdOf(configured), source: 'HOOKFLOW_ENCRYPTION_KEY' };
  const file = path.join(dataDir, keyFileName);
  const key = readKeyFile(file, warn) ?? createKeyFile(file) ?? readKeyFile(file, warn);
  if (!key) throw new StartupError(`The key file ${file} could not be read after it was created; check the data directory.`);
  return { key, id: keyIdOf(key), source: file };
}

/** A fingerprint of the key, safe to store and print. */
export function keyIdOf(key: KeyObject): string {
  return createHmac('sha256', key.export()).update('hookflow vault key id').digest('hex').slice(0, 16);
}

function readKeyFile(file: string, warn: KeyWarning): KeyObject | undefined {
  const text = readStartupFile(file, 'The key file');
  if (text === undefined) return undefined;
  const key = parseEncryptionKey(text);
  if (!key) throw new StartupError(`The key file ${file} does not hold a 32-byte key (64 hex digits); restore it from your backup.`);
  if ((statSync(file).mode & 0o077) !== 0) {
    warn(`The key file ${file} can be read by other users; run chmod 600 on it.`, { file });
  }
  return key;
}

/** Writes a new random key; undefined when another process created the file first. */
function createKeyFile(file: string): KeyObject | undefined {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const bytes = randomBytes(32);
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new StartupError(`The key file ${file} cannot be created (${(error as NodeJS.ErrnoException).code}); check the data directory's permissions.`, { cause: error });
  }
  try {
    writeSync(fd, `${bytes.toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  return createSecretKey(bytes);
}
