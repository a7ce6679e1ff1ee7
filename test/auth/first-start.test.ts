import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api-client.js';
import { eventually } from '../helpers/start-app.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-first-start-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** `hookflow start` as a child process on a free port; resolves once it serves, with what it printed. */
async function start(): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HOOKFLOW_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/cli-entry.ts', 'start'], {
    cwd: repoRoot,
    env: { ...inherited, HOOKFLOW_DATA_DIR: dataDir, HOOKFLOW_PORT: '0', HOOKFLOW_LOG_LEVEL: 'silent', HOOKFLOW_LOAD_EXAMPLES: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const url = await eventually(async () => {
    const lock = await readFile(path.join(dataDir, 'server.lock.json'), 'utf8').catch(() => undefined);
    return lock ? (JSON.parse(lock) as { url: string }).url : undefined;
  }, 30_000);
  return { child, url, stdout: () => stdout };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

describe('first start of a data directory without users', { timeout: 90_000 }, () => {
  it('prints a setup link that creates the owner once; the next start prints none', async () => {
    const first = await start();
    try {
      const link = await eventually(async () => /(http:\/\/\S+)\/setup#token=([\w-]{43})/.exec(first.stdout()) ?? undefined);
      expect(link[1]).toBe(first.url);
      const setup = (username: string) => apiClient(first.url).post('/api/auth/setup', { token: link[2], username, password: 'first-owner-password' });
      expect((await setup('ada')).status).toBe(201);
      expect((await setup('eve')).status).toBe(409);
    } finally {
      await stop(first.child);
    }

    const second = await start();
    try {
      expect((await apiClient(second.url).get('/api/auth/status')).body).toEqual({ setupRequired: false });
      expect(second.stdout()).not.toContain('/setup#token=');
      expect((await apiClient(second.url).post('/api/auth/login', { username: 'ada', password: 'first-owner-password' })).status).toBe(200);
    } finally {
      await stop(second.child);
    }
  });
});
