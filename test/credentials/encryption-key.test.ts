import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { keyIdOf, loadVaultKey, parseEncryptionKey } from '../../server/credentials/encryption-key.js';
import { StartupError } from '../../server/errors.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-key-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('parseEncryptionKey', () => {
  const bytes = randomBytes(32);

  it('reads 64 hex digits and the base64 (standard or URL-safe) of 32 bytes as the same key', () => {
    const keys = [bytes.toString('hex'), bytes.toString('hex').toUpperCase(), bytes.toString('base64'), bytes.toString('base64url')].map(parseEncryptionKey);
    for (const key of keys) expect(key?.export().equals(bytes)).toBe(true);
  });

  it('refuses anything that is not exactly 32 bytes', () => {
    for (const text of ['', 'secret', 'ab'.repeat(31), 'ab'.repeat(33), randomBytes(16).toString('base64'), randomBytes(48).toString('base64'), `${'zz'.repeat(32)}`]) {
      expect(parseEncryptionKey(text), text).toBeUndefined();
    }
  });
});

describe('HOOKFLOW_ENCRYPTION_KEY', () => {
  it('is read into the config as a key that does not serialise its bytes', () => {
    const hex = randomBytes(32).toString('hex');
    const config = loadConfig({ HOOKFLOW_ENCRYPTION_KEY: hex });
    expect(config.encryptionKey?.export().toString('hex')).toBe(hex);
    expect(JSON.stringify(config)).not.toContain(hex);
  });

  it('refuses a malformed key with a ConfigError that names the setting but never echoes the value', () => {
    const value = 'my-very-secret-passphrase-that-is-not-a-key';
    let error: unknown;
    try {
      loadConfig({ HOOKFLOW_ENCRYPTION_KEY: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('HOOKFLOW_ENCRYPTION_KEY');
    expect((error as Error).message).toContain('64 hex digits');
    expect((error as Error).message).not.toContain(value);
  });

  it('does not echo HOOKFLOW_SMTP_URL (it holds a password) either', () => {
    expect(() => loadConfig({ HOOKFLOW_SMTP_URL: 'http://user:hunter2@mail' })).toThrow(/HOOKFLOW_SMTP_URL/);
    expect(() => loadConfig({ HOOKFLOW_SMTP_URL: 'http://user:hunter2@mail' })).not.toThrow(/hunter2/);
  });
});

describe('loadVaultKey', () => {
  it('uses the configured key and names its source', () => {
    const key = parseEncryptionKey(randomBytes(32).toString('hex'))!;
    const loaded = loadVaultKey(dataDir, key, vi.fn());
    expect(loaded).toEqual({ key, id: keyIdOf(key), source: 'HOOKFLOW_ENCRYPTION_KEY' });
  });

  it('generates secret.key with mode 0600 on first start and reads the same key afterwards', async () => {
    const first = loadVaultKey(dataDir, undefined, vi.fn());
    const file = path.join(dataDir, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const second = loadVaultKey(dataDir, undefined, vi.fn());
    expect(second.id).toBe(first.id);
    expect(second.key.export().equals(first.key.export())).toBe(true);
    expect(first.id).toMatch(/^[0-9a-f]{16}$/);
    expect((await readFile(file, 'utf8'))).not.toContain(first.id);
  });

  it('warns, without the key, when the key file can be read by other users', async () => {
    const warn = vi.fn();
    loadVaultKey(dataDir, undefined, warn);
    const file = path.join(dataDir, 'secret.key');
    await chmod(file, 0o644);
    loadVaultKey(dataDir, undefined, warn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/chmod 600/);
    expect(JSON.stringify(warn.mock.calls)).not.toContain((await readFile(file, 'utf8')).trim());
  });

  it('refuses a damaged key file instead of making a new key', async () => {
    await writeFile(path.join(dataDir, 'secret.key'), 'not a key\n', { mode: 0o600 });
    expect(() => loadVaultKey(dataDir, undefined, vi.fn())).toThrow(StartupError);
    expect(() => loadVaultKey(dataDir, undefined, vi.fn())).toThrow(/restore it from your backup/);
  });
});
