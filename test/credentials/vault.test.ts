import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseEncryptionKey } from '../../server/credentials/encryption-key.js';
import { CredentialInvalidError } from '../../server/credentials/errors.js';
import { openVault } from '../../server/credentials/vault.js';
import type { VaultDocument } from '../../server/credentials/vault-file.js';
import { StartupError } from '../../server/errors.js';

const token = 'tok_live_5f2b9c1d7e3a4b6c8d0e';
const password = 'p4ssw0rd-never-in-clear';
let dataDir: string;
const vaultFile = () => path.join(dataDir, 'credentials.json');
const open = () => openVault(dataDir, undefined, vi.fn());

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-vault-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function readDocument(): Promise<VaultDocument> {
  return JSON.parse(await readFile(vaultFile(), 'utf8')) as VaultDocument;
}

describe('credentials vault', () => {
  it('stores only ciphertext and metadata, in a 0600 file, and resolves the values after a restart', async () => {
    const vault = open();
    await vault.create({ name: 'crm', type: 'bearer', description: 'CRM API', data: { token } });
    await vault.create({ name: 'login', type: 'basic', data: { username: 'ops', password } });

    const text = await readFile(vaultFile(), 'utf8');
    for (const secret of [token, password, Buffer.from(token).toString('base64'), Buffer.from(`ops:${password}`).toString('base64')]) expect(text).not.toContain(secret);
    expect((await stat(vaultFile())).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual(['credentials.json', 'secret.key']);
    const document = await readDocument();
    expect(document.credentials.crm).toMatchObject({ type: 'bearer', description: 'CRM API', fields: ['token'] });

    const reopened = open();
    expect(reopened.resolve('crm', 'bearer')).toEqual({ token });
    expect(reopened.resolve('login', 'basic')).toEqual({ username: 'ops', password });
    expect(reopened.resolve('crm', 'basic')).toBeUndefined();
    expect(reopened.resolve('nope', 'bearer')).toBeUndefined();
    expect(reopened.list().map((info) => info.name)).toEqual(['crm', 'login']);
    expect(JSON.stringify(reopened.list())).not.toContain(token);
  });

  it('seals each value under its own random IV', async () => {
    const vault = open();
    await vault.create({ name: 'a', type: 'bearer', data: { token } });
    await vault.create({ name: 'b', type: 'bearer', data: { token } });
    const { credentials } = await readDocument();
    expect(credentials.a!.sealed.iv).not.toBe(credentials.b!.sealed.iv);
    expect(credentials.a!.sealed.data).not.toBe(credentials.b!.sealed.data);
  });

  it('refuses to start with another key, naming the fingerprints and where the key came from', async () => {
    await open().create({ name: 'crm', type: 'bearer', data: { token } });
    const other = parseEncryptionKey(randomBytes(32).toString('hex'));
    expect(() => openVault(dataDir, other, vi.fn())).toThrow(StartupError);
    expect(() => openVault(dataDir, other, vi.fn())).toThrow(/sealed with the key whose fingerprint is [0-9a-f]{16}, but the key from HOOKFLOW_ENCRYPTION_KEY has fingerprint [0-9a-f]{16}/);
  });

  it('detects a tampered ciphertext, tag or IV at start', async () => {
    await open().create({ name: 'crm', type: 'bearer', data: { token } });
    const original = await readDocument();
    for (const field of ['data', 'tag', 'iv'] as const) {
      const document = structuredClone(original);
      const bytes = Buffer.from(document.credentials.crm!.sealed[field], 'base64');
      bytes[0]! ^= 1;
      document.credentials.crm!.sealed[field] = bytes.toString('base64');
      await writeFile(vaultFile(), JSON.stringify(document));
      expect(open, field).toThrow(/The credential "crm" .* cannot be decrypted/);
    }
  });

  it('binds each sealed value to its credential: swapping two blobs, or changing a type, is detected', async () => {
    const vault = open();
    await vault.create({ name: 'weak', type: 'bearer', data: { token: 'weak-token' } });
    await vault.create({ name: 'strong', type: 'bearer', data: { token } });
    const original = await readDocument();
    const swapped = structuredClone(original);
    swapped.credentials.weak!.sealed = original.credentials.strong!.sealed;
    await writeFile(vaultFile(), JSON.stringify(swapped));
    expect(open).toThrow(/"weak" .* cannot be decrypted/);

    const retyped = structuredClone(original);
    retyped.credentials.strong!.type = 'apiKey';
    await writeFile(vaultFile(), JSON.stringify(retyped));
    expect(open).toThrow(/"strong" .* cannot be decrypted/);
  });

  it('refuses a file that is not a vault', async () => {
    open();
    await writeFile(vaultFile(), '{"hello":1}');
    expect(open).toThrow(/is not a Hookflow vault/);
  });

  it('updates given fields, keeps the others, removes a field given as null', async () => {
    const vault = open();
    await vault.create({ name: 'key', type: 'apiKey', data: { header: 'X-Api-Key', value: 'old-value' } });
    const rotated = await vault.update('key', { data: { value: 'new-value', previousValue: 'old-value' } });
    expect(rotated.fields).toEqual(['header', 'previousValue', 'value']);
    expect(vault.resolve('key', 'apiKey')).toEqual({ header: 'X-Api-Key', value: 'new-value', previousValue: 'old-value' });
    await vault.update('key', { description: 'rotated', data: { previousValue: null } });
    expect(open().resolve('key', 'apiKey')).toEqual({ header: 'X-Api-Key', value: 'new-value' });
    expect(vault.info('key')).toMatchObject({ description: 'rotated', fields: ['header', 'value'] });
  });

  it('validates every field of every type and lists all problems at once, without echoing values', async () => {
    const vault = open();
    const refuse = async (body: unknown) => {
      const error = await vault.create(body).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CredentialInvalidError);
      return error as CredentialInvalidError;
    };
    expect((await refuse({ name: '-bad', type: 'nope', data: {} })).problems.map((problem) => problem.path)).toEqual(['name', 'type']);
    expect((await refuse({ name: 'a', type: 'bearer', data: { token: 'x'.repeat(8193) } })).problems[0]).toMatchObject({ path: 'data.token' });
    expect((await refuse({ name: 'a', type: 'bearer', data: { token: 'line\r\nX-Injected: 1' } })).message).not.toContain('X-Injected');
    expect((await refuse({ name: 'a', type: 'apiKey', data: { header: 'Bad Header:', value: 'v' } })).problems[0]).toMatchObject({ path: 'data.header' });
    expect((await refuse({ name: 'a', type: 'smtp', data: { host: 'mail', port: 70000, secure: false } })).problems[0]).toMatchObject({ path: 'data.port' });
    expect((await refuse({ name: 'a', type: 'smtp', data: { host: 'mail', port: 0, secure: 'yes' } })).problems).toHaveLength(2);
    expect((await refuse({ name: 'a', type: 'bearer', data: { token: 't', extra: 'x' } })).problems[0]!.message).toMatch(/Unknown field "extra"/);
    expect((await refuse({ name: 'a', type: 'bearer', data: { token: 't' }, more: 1 })).problems[0]!.message).toMatch(/Unknown field "more"/);
    expect((await refuse({ name: 'a', type: 'basic', data: { username: 'a:b', password: 'p' } })).problems[0]).toMatchObject({ path: 'data.username' });
    expect((await refuse(['array'])).problems.length).toBeGreaterThan(0);
    expect(vault.list()).toEqual([]);
  });

  it('accepts a Standard Webhooks whsec_ secret as it is', async () => {
    const vault = open();
    await vault.create({ name: 'svix', type: 'hmacSecret', data: { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } });
    expect(vault.resolve('svix', 'hmacSecret')).toEqual({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
  });

  it('refuses a second credential of the same name, and names that reach Object.prototype are plain names', async () => {
    const vault = open();
    await vault.create({ name: 'constructor', type: 'bearer', data: { token } });
    await expect(vault.create({ name: 'constructor', type: 'bearer', data: { token } })).rejects.toMatchObject({ code: 'CREDENTIAL_EXISTS' });
    expect(vault.info('toString')).toBeUndefined();
    expect(vault.resolve('toString', 'bearer')).toBeUndefined();
    await expect(vault.update('hasOwnProperty', { data: {} })).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
  });

  it('serialises concurrent changes: every one of them is in the file', async () => {
    const vault = open();
    await Promise.all(Array.from({ length: 20 }, (_, index) => vault.create({ name: `c${index}`, type: 'bearer', data: { token: `t${index}` } })));
    expect(Object.keys((await readDocument()).credentials)).toHaveLength(20);
    await Promise.all(Array.from({ length: 10 }, (_, index) => vault.remove(`c${index}`)));
    expect(Object.keys((await readDocument()).credentials).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `c${index + 10}`).sort());
    expect(await readdir(dataDir)).toEqual(['credentials.json', 'secret.key']);
  });
});
