import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuthStore } from '../../server/auth/auth-store.js';
import { acquireServerLock } from '../../server/runtime/server-lock.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestApp } from '../helpers/start-app.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hookflow-cli-accounts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let folders = 0;
const freshDir = () => path.join(dir, `d${(folders += 1)}`);

describe('hookflow user create and token create', { timeout: 90_000 }, () => {
  it('creates the owner from a password on standard input, and a token for them, both stored hashed', async () => {
    const dataDir = freshDir();
    const created = await runCli(['user', 'create', '--username', 'ada', '--role', 'owner', '--password-stdin'], { dataDir, stdin: 'ada-password-1\n' });
    expect({ code: created.code, stdout: created.stdout, stderr: created.stderr }).toEqual({ code: 0, stdout: 'Created the owner "ada".\n', stderr: '' });
    const stored = await readFile(path.join(dataDir, 'auth.json'), 'utf8');
    expect(stored).not.toContain('ada-password-1');

    const token = await runCli(['token', 'create', '--username', 'ada', '--name', 'cli'], { dataDir });
    expect(token.code).toBe(0);
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^hf_[\w-]{43}$/);
    expect(token.stderr).toMatch(/shown only now/);
    expect(await readFile(path.join(dataDir, 'auth.json'), 'utf8')).not.toContain(secret);

    const auth = await openAuthStore(dataDir);
    expect(auth.tokens.resolve(secret)).toMatchObject({ username: 'ada', role: 'owner' });
    await auth.close();
  });

  it('takes the password from HOOKFLOW_PASSWORD, refuses weak or missing ones and bad usernames or roles (exit 2)', async () => {
    const dataDir = freshDir();
    const fromEnv = await runCli(['user', 'create', '--username', 'bob', '--role', 'viewer'], { dataDir, env: { HOOKFLOW_PASSWORD: 'bob-password-1' } });
    expect(fromEnv.code).toBe(0);
    const cases: Array<[string[], string, RegExp]> = [
      [['--username', 'eve', '--role', 'viewer', '--password-stdin'], 'short\n', /password must be at least 10 characters/],
      [['--username', 'eve', '--role', 'viewer'], '', /--password-stdin/],
      [['--username', 'e ve', '--role', 'viewer', '--password-stdin'], 'long-enough-1', /username may hold only/],
      [['--username', 'eve', '--role', 'admin', '--password-stdin'], 'long-enough-1', /role must be one of viewer, editor, owner/],
      [['--username', 'bob', '--role', 'viewer', '--password-stdin'], 'long-enough-1', /already exists/],
    ];
    for (const [args, stdin, message] of cases) {
      const result = await runCli(['user', 'create', ...args], { dataDir, stdin });
      expect({ code: result.code, stderr: result.stderr }, args.join(' ')).toEqual({ code: 2, stderr: expect.stringMatching(message) });
    }
    const unknown = await runCli(['token', 'create', '--username', 'nobody', '--name', 'x'], { dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No user named "nobody"/);
  });

  it('goes through a running server: without a token it says how to get one; with one it creates users', async () => {
    const app = await startTestApp();
    const lock = await acquireServerLock(app.dataDir, app.url);
    try {
      const refused = await runCli(['list'], { dataDir: app.dataDir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/needs an API token: set HOOKFLOW_TOKEN.*hookflow token create/s);
      const wrong = await runCli(['list'], { dataDir: app.dataDir, env: { HOOKFLOW_TOKEN: 'hf_wrong' } });
      expect(wrong.stderr).toMatch(/refused the API token/);

      const viaServer = await runCli(['user', 'create', '--username', 'carl', '--role', 'editor', '--password-stdin'], { dataDir: app.dataDir, stdin: 'carl-password-1', env: { HOOKFLOW_TOKEN: app.token } });
      expect({ code: viaServer.code, stderr: viaServer.stderr }).toEqual({ code: 0, stderr: '' });
      expect(app.auth.users.findByName('carl')).toMatchObject({ role: 'editor' });
      const withOption = await runCli(['--token', app.token, 'token', 'create', '--username', 'owner', '--name', 'second'], { dataDir: app.dataDir });
      expect(withOption.code).toBe(0);
      const forOther = await runCli(['token', 'create', '--username', 'carl', '--name', 'x'], { dataDir: app.dataDir, env: { HOOKFLOW_TOKEN: app.token } });
      expect(forOther.code).toBe(2);
      expect(forOther.stderr).toMatch(/only for "owner"/);
    } finally {
      await lock.release();
      await app.close();
    }
  });
});
