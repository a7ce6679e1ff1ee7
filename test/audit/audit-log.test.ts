import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileAuditLog } from '../../server/audit/file-audit-log.js';
import { apiClient, echoFlow, expectApiError } from '../helpers/api-client.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Event = { id: number; at: string; actor: string; action: string; target?: string; ip?: string; details?: Record<string, unknown> };
const events = async (query = '') => (await app.api.get(`/api/audit${query}`)).body.events as Event[];

describe('the audit log', () => {
  it('records sign-ins, failures, sign-outs, flow, credential, user and token changes — never a secret', async () => {
    const { api } = app;
    const session = await app.loginSession('editor');
    await apiClient(app.url).post('/api/auth/login', { username: session.user.username, password: 'wrong-password' });
    await session.api.post('/api/flows', echoFlow('audited'));
    await api.put('/api/flows/audited', echoFlow('audited', undefined, { name: 'Renamed' }));
    await api.post('/api/flows/audited/deactivate', {});
    await api.post('/api/flows/audited/activate', {});
    await api.post('/api/flows/audited/rotate-token', {});
    await api.post('/api/import', echoFlow('imported'));
    await api.delete('/api/flows/audited');
    await api.post('/api/credentials', { name: 'crm', type: 'bearer', data: { token: 'crm-secret-value' } });
    await api.put('/api/credentials/crm', { data: { token: 'crm-secret-value-2' } });
    await api.delete('/api/credentials/crm');
    const { body: created } = await api.post('/api/users', { username: 'dora', password: 'dora-password', role: 'viewer' });
    await api.patch(`/api/users/${created.user.id}`, { role: 'editor', password: 'dora-password-2' });
    await api.delete(`/api/users/${created.user.id}`);
    const { body: token } = await api.post('/api/tokens', { name: 'deploy' });
    await api.delete(`/api/tokens/${token.token.id}`);
    await session.api.post('/api/auth/logout', {});
    await api.post('/api/flows', echoFlow('audited', undefined, { name: '' }));

    const text = (await app.api.get('/api/audit?limit=1000')).text;
    const actions = (await events('?limit=1000')).reverse().map(({ actor, action, target }) => [actor, action, target]);
    const editor = session.user.username;
    expect(actions).toEqual([
      [editor, 'login', session.user.id],
      [editor, 'login.failed', undefined],
      [editor, 'flow.create', 'audited'],
      ['owner', 'flow.update', 'audited'],
      ['owner', 'flow.deactivate', 'audited'],
      ['owner', 'flow.activate', 'audited'],
      ['owner', 'flow.rotate-token', 'audited'],
      ['owner', 'flow.import', undefined],
      ['owner', 'flow.delete', 'audited'],
      ['owner', 'credential.create', 'crm'],
      ['owner', 'credential.update', 'crm'],
      ['owner', 'credential.delete', 'crm'],
      ['owner', 'user.create', 'dora'],
      ['owner', 'user.update', created.user.id],
      ['owner', 'user.delete', created.user.id],
      ['owner', 'token.create', 'deploy'],
      ['owner', 'token.revoke', token.token.id],
      [editor, 'logout', session.user.id],
    ]);
    const all = await events('?limit=1000');
    expect(all.find((event) => event.action === 'user.update')!.details).toEqual({ role: 'editor', password: 'changed' });
    expect(all.every((event) => event.ip === '127.0.0.1' || event.ip === '::ffff:127.0.0.1')).toBe(true);
    for (const secret of ['crm-secret-value', 'dora-password', 'wrong-password', token.secret, session.password, app.token]) expect(text).not.toContain(secret);
  });

  it('pages newest first with limit and before, and refuses bad queries', async () => {
    const newest = await events('?limit=3');
    expect(newest).toHaveLength(3);
    expect(newest[0]!.id).toBeGreaterThan(newest[1]!.id);
    const next = await events(`?limit=2&before=${newest[2]!.id}`);
    expect(next.map((event) => event.id)).toEqual([newest[2]!.id - 1, newest[2]!.id - 2]);
    expectApiError(await app.api.get('/api/audit?limit=0'), 400, 'BAD_QUERY');
    expectApiError(await app.api.get('/api/audit?before=abc'), 400, 'BAD_QUERY');
    expectApiError(await app.api.get('/api/audit?limit=1001'), 400, 'BAD_QUERY');
  });

  it('is readable by owners only', async () => {
    expectApiError(await (await app.login('editor')).api.get('/api/audit'), 403, 'FORBIDDEN');
  });

  it('is a 0600 file that keeps at most two files of its size limit, ids continuing across restarts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hookflow-audit-'));
    try {
      const audit = await openFileAuditLog(dir, { maxBytes: 1000 });
      for (let n = 0; n < 40; n += 1) {
        audit.record({ actor: 'ada', action: 'flow.update', target: `flow-${n}` });
        await audit.list({ limit: 1 }); // one append per event, as when events come apart in time
      }
      await audit.close();
      expect((await stat(path.join(dir, 'audit.log.1'))).size).toBeLessThan(2000);
      expect((await stat(path.join(dir, 'audit.log.1'))).mode & 0o777).toBe(0o600);
      const reopened = await openFileAuditLog(dir, { maxBytes: 1000 });
      reopened.record({ actor: 'ada', action: 'logout' });
      const [latest, ...rest] = await reopened.list({ limit: 100 });
      expect(latest).toMatchObject({ id: 41, action: 'logout' });
      expect(rest.length).toBeLessThan(40);
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

