import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSetup } from '../../server/auth/setup-link.js';
import { apiClient, type ApiResponse } from '../helpers/api-client.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** A logger that keeps every line, at every level, without redaction: what our code hands it. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

let app: TestApp;
const logs = capturingLogger();
beforeAll(async () => {
  app = await startTestApp({}, { logger: logs.logger });
});
afterAll(() => app.close());

describe('passwords, tokens and session ids stay secret', () => {
  it('appear in no answer (but the one that creates a token), no log line, and not in auth.json, which is 0600', async () => {
    const answers: ApiResponse[] = [];
    const keep = async (response: Promise<ApiResponse>) => {
      const answer = await response;
      answers.push(answer);
      return answer;
    };
    const anonymous = apiClient(app.url);
    const users = await keep(app.api.post('/api/users', { username: 'erin', password: 'erin-password-1', role: 'editor' }));
    await keep(anonymous.post('/api/auth/login', { username: 'erin', password: 'erin-password-9' }));
    await keep(anonymous.post('/api/auth/login', { username: 'nobody', password: 'nobody-password' }));
    const login = await keep(anonymous.post('/api/auth/login', { username: 'erin', password: 'erin-password-1' }));
    const sessionId = login.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    const erin = apiClient(app.url, { cookie: `hookflow_session=${sessionId}`, 'x-csrf-token': login.body.csrfToken });
    const created = await erin.post('/api/tokens', { name: 'script' });
    const secret = created.body.secret as string;
    const bearer = apiClient(app.url, { authorization: `Bearer ${secret}` });
    await keep(bearer.get('/api/tokens'));
    await keep(bearer.get('/api/auth/session'));
    await keep(erin.get('/api/auth/session'));
    await keep(erin.post('/api/auth/password', { currentPassword: 'erin-password-1', newPassword: 'erin-password-2' }));
    await keep(app.api.patch(`/api/users/${users.body.user.id}`, { password: 'erin-password-3' }));
    await keep(app.api.get('/api/users'));
    await keep(app.api.get('/api/audit'));
    await keep(bearer.post('/api/flows', { broken: true }));

    const secrets = ['erin-password-1', 'erin-password-2', 'erin-password-3', 'erin-password-9', 'nobody-password', 'owner-password-1', sessionId, secret, app.token];
    const shown = answers.map((answer) => `${JSON.stringify([...answer.headers.entries()].filter(([name]) => name !== 'set-cookie'))}${answer.text}`).join('\n');
    const logged = logs.lines.join('');
    expect(logs.lines.length).toBeGreaterThanOrEqual(answers.length);
    const stored = await readFile(path.join(app.dataDir, 'auth.json'), 'utf8');
    for (const value of secrets) {
      expect(shown, 'an answer').not.toContain(value);
      expect(logged, 'the log').not.toContain(value);
      expect(stored, 'auth.json').not.toContain(value);
    }
    expect(stored).not.toContain(login.body.csrfToken);
    expect(stored).toMatch(/"algorithm": "scrypt"/);
    expect((await stat(path.join(app.dataDir, 'auth.json'))).mode & 0o777).toBe(0o600);
  });
});

describe('the setup link printed at first start', () => {
  it('goes to stdout and the warn log; its token creates the owner once', async () => {
    const captured = capturingLogger();
    const fresh = await startTestApp({}, { owner: false });
    try {
      let printed = '';
      await announceSetup(fresh.auth, 'https://hooks.example.com', captured.logger, (text) => (printed += text));
      const token = /https:\/\/hooks\.example\.com\/setup#token=([\w-]{43})/.exec(printed)?.[1];
      expect(token).toBeDefined();
      expect(JSON.parse(captured.lines[0]!)).toMatchObject({ level: 40, setupLink: `https://hooks.example.com/setup#token=${token}` });
      const setup = (username: string) => apiClient(fresh.url).post('/api/auth/setup', { token, username, password: 'first-owner-password' });
      expect((await setup('first')).status).toBe(201);
      expect((await setup('second')).status).toBe(409);

      printed = '';
      await announceSetup(fresh.auth, 'https://hooks.example.com', captured.logger, (text) => (printed += text));
      expect(printed).toBe('');
    } finally {
      await fresh.close();
    }
  });
});
