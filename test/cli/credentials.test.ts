import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireServerLock } from '../../server/runtime/server-lock.js';
import { runCli } from '../helpers/run-cli.js';
import { flowDocument, startTestApp } from '../helpers/start-app.js';

const token = 'cli-token-4Rt8Yp2Lm6Qs';
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hookflow-cli-credentials-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const hookflow = (args: string[], stdin?: string, extra: { dataDir?: string; env?: Record<string, string> } = {}) =>
  runCli(['credentials', ...args], { dataDir: extra.dataDir ?? dataDir, ...(stdin === undefined ? {} : { stdin }), ...(extra.env ? { env: extra.env } : {}) });

async function everyFile(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return (await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(path.join(entry.parentPath, entry.name), 'latin1')))).join('\n');
}

describe('hookflow credentials (no server running)', { timeout: 180_000 }, () => {
  it('sets a credential from standard input and lists it without its value', async () => {
    const set = await hookflow(['set', 'crm', '--type', 'bearer', '--description', 'CRM API'], JSON.stringify({ token }));
    expect({ code: set.code, stderr: set.stderr }).toEqual({ code: 0, stderr: '' });
    expect(set.stdout).toBe('crm\tbearer\ttoken\tCRM API\n');
    const list = await hookflow(['list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'crm', type: 'bearer', fields: ['token'] })]);
    for (const output of [set.stdout, list.stdout, list.stderr]) expect(output).not.toContain(token);
    expect(await everyFile(dataDir)).not.toContain(token);
  });

  it('updates the fields given; a new credential needs --type; bad input exits 2 and changes nothing', async () => {
    expect((await hookflow(['set', 'crm'], JSON.stringify({ token: 'rotated-token-value' }))).code).toBe(0);
    const untyped = await hookflow(['set', 'new-one'], JSON.stringify({ token }));
    expect({ code: untyped.code, stderr: untyped.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/give its --type/) });
    const invalid = await hookflow(['set', 'smtp', '--type', 'smtp'], JSON.stringify({ host: 'mail', port: 0, secure: false, password: 'pw-secret-x' }));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/The credential is invalid; nothing was changed:\n {2}- data\.port: /);
    expect(invalid.stderr).not.toContain('pw-secret-x');
    const notJson = await hookflow(['set', 'x', '--type', 'bearer'], 'token=abc');
    expect({ code: notJson.code, stderr: notJson.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/must be a JSON object/) });
    expect((await hookflow(['set', 'big', '--type', 'bearer'], 'x'.repeat(70_000))).stderr).toMatch(/at most 65536 bytes/);
    expect(JSON.parse((await hookflow(['list', '--json'])).stdout).map((entry: { name: string }) => entry.name)).toEqual(['crm']);
  });

  it('refuses to delete a credential a stored flow names, or one that does not exist', async () => {
    const flowFile = path.join(dataDir, 'uses-crm.json');
    await writeFile(flowFile, JSON.stringify(flowDocument('uses-crm', { in: ['webhook'], call: ['http-request', { url: 'https://crm.example.com', auth: { type: 'bearer', credential: 'crm' } }] }, [['in', 'call']])));
    expect((await runCli(['import', flowFile], { dataDir })).code).toBe(0);
    const refused = await hookflow(['delete', 'crm']);
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/used by the flow "uses-crm"/) });
    expect((await hookflow(['delete', 'unknown'])).stderr).toMatch(/No credential named "unknown"/);
  });
});

describe('hookflow credentials (a server holds the data directory)', { timeout: 120_000 }, () => {
  it('goes through the API, so the running server sees the change at once', async () => {
    const app = await startTestApp();
    const lock = await acquireServerLock(app.dataDir, app.url);
    try {
      const env = { HOOKFLOW_TOKEN: app.token };
      const set = await hookflow(['set', 'remote', '--type', 'basic'], JSON.stringify({ username: 'u', password: token }), { dataDir: app.dataDir, env });
      expect({ code: set.code, stderr: set.stderr }).toEqual({ code: 0, stderr: '' });
      expect(app.credentials.resolve('remote', 'basic')).toEqual({ username: 'u', password: token });
      expect((await hookflow(['delete', 'remote'], undefined, { dataDir: app.dataDir, env })).code).toBe(0);
      expect(app.credentials.list()).toEqual([]);
      expect((await hookflow(['list'], undefined, { dataDir: app.dataDir })).stderr).toMatch(/needs an API token/);
    } finally {
      await lock.release();
      await app.close();
    }
  });
});
