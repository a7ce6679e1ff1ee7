import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseEncryptionKey } from '../../server/credentials/encryption-key.js';
import { openVault } from '../../server/credentials/vault.js';
import { describeStartFailure, startServer } from '../../server/main.js';

let dataDir: string;
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const env = (key: string) => ({ HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_PORT: '0', HOOKFLOW_LOG_LEVEL: 'silent', HOOKFLOW_LOAD_EXAMPLES: 'false', HOOKFLOW_ENCRYPTION_KEY: key });

describe('starting with HOOKFLOW_ENCRYPTION_KEY', () => {
  it('refuses a key other than the vault\'s with a message that says which key is expected, and never prints a key', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-key-start-'));
    const right = randomBytes(32).toString('hex');
    const wrong = randomBytes(32).toString('hex');
    await openVault(dataDir, parseEncryptionKey(right), vi.fn()).create({ name: 'crm', type: 'bearer', data: { token: 'tok-secret-value' } });

    const error = await startServer(env(wrong)).catch((caught: unknown) => caught);
    const printed = describeStartFailure(error);
    expect(printed).toMatch(/^The credentials in .*credentials\.json are sealed with the key whose fingerprint is [0-9a-f]{16}, but the key from HOOKFLOW_ENCRYPTION_KEY has fingerprint [0-9a-f]{16}\. Start with the key the vault was created with/);
    for (const secret of [right, wrong, 'tok-secret-value']) expect(printed).not.toContain(secret);
  });
});
