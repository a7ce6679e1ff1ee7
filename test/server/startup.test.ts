import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupError } from '../../server/errors.js';
import { describeStartFailure, startServer } from '../../server/main.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hookflow-start-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const env = (dataDir: string, port: number) => ({ HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_PORT: String(port), HOOKFLOW_LOG_LEVEL: 'silent', HOOKFLOW_LOAD_EXAMPLES: 'false' });

describe('startServer', () => {
  it('refuses a data directory that another running Hookflow serves', async () => {
    const dataDir = await tempDir();
    // The parent process stands in for another running server: alive, and not this process.
    await writeFile(path.join(dataDir, 'server.lock.json'), JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:1', startedAt: new Date().toISOString() }));
    const refusal = startServer(env(dataDir, 0));
    await expect(refusal).rejects.toBeInstanceOf(StartupError);
    await expect(refusal).rejects.toThrow(/already serves the data directory .* Stop it first, or set HOOKFLOW_DATA_DIR/);
  });

  it('says which port is taken and how to choose another', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const { port } = blocker.address() as AddressInfo;
    const error = await startServer(env(await tempDir(), port)).catch((caught: unknown) => caught);
    expect(describeStartFailure(error)).toBe(`Port ${port} on 127.0.0.1 is already in use; set HOOKFLOW_PORT to a free port.`);
  });

  it('prints a bad setting without a stack trace', async () => {
    const error = await startServer({ HOOKFLOW_PORT: 'eighty' }).catch((caught: unknown) => caught);
    expect(describeStartFailure(error)).toMatch(/^Hookflow cannot start, the configuration is invalid:\n {2}- HOOKFLOW_PORT must be a whole number/);
  });
});
