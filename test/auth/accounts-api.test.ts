import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, expectApiError } from '../helpers/api-client.js';
import { ownerLogin, startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('first start: the setup link', () => {
  it('creates the owner once with the one-time token; a wrong, reused or late token is refused', async () => {
    const fresh = await startTestApp({}, { owner: false });
    try {
      const anonymous = apiClient(fresh.url);
      expect((await anonymous.get('/api/auth/status')).body).toEqual({ setupRequired: true });
      const token = await fresh.auth.users.issueSetupToken();
      const owner = { username: 'ada', password: 'a-long-password' };
      expectApiError(await anonymous.post('/api/auth/setup', { ...owner, token: `${token}x` }), 403, 'SETUP_INVALID');
      expectApiError(await anonymous.post('/api/auth/setup', { ...owner, password: 'short', token }), 400, 'INVALID_BODY');

      const created = await anonymous.post('/api/auth/setup', { ...owner, token });
      expect(created.status, created.text).toBe(201);
      expect(created.body).toEqual({ user: { id: expect.any(String), username: 'ada', role: 'owner' }, csrfToken: expect.any(String) });
      const cookie = created.headers.getSetCookie()[0]!.split(';')[0]!;
      expect((await apiClient(fresh.url, { cookie }).get('/api/auth/session')).body.user.username).toBe('ada');

      expectApiError(await anonymous.post('/api/auth/setup', { ...owner, username: 'eve', token }), 409, 'SETUP_INVALID');
      expect((await anonymous.get('/api/auth/status')).body).toEqual({ setupRequired: false });
    } finally {
      await fresh.close();
    }
  });

  it('two setups racing with one token create one owner', async () => {
    const fresh = await startTestApp({}, { owner: false });
    try {
      const token = await fresh.auth.users.issueSetupToken();
      const race = await Promise.all(['ann', 'ben', 'cas'].map((username) => apiClient(fresh.url).post('/api/auth/setup', { token, username, password: 'a-long-password' })));
      // The losers arrive while the token is used up (403) or after the owner exists (409), as timing has it.
      const statuses = race.map((response) => response.status).sort();
      expect(statuses[0]).toBe(201);
      expect(statuses.slice(1).every((status) => status === 403 || status === 409), String(statuses)).toBe(true);
      expect(fresh.auth.users.count()).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('an expired setup token is refused', async () => {
    const fresh = await startTestApp({}, { owner: false });
    try {
      const token = await fresh.auth.users.issueSetupToken(-1);
      expectApiError(await apiClient(fresh.url).post('/api/auth/setup', { token, username: 'ada', password: 'a-long-password' }), 403, 'SETUP_INVALID');
    } finally {
      await fresh.close();
    }
  });
});

describe('signing in', () => {
  it('a wrong password and an unknown user get the same 401 INVALID_LOGIN', async () => {
    const anonymous = apiClient(app.url);
    const wrong = expectApiError(await anonymous.post('/api/auth/login', { username: 'owner', password: 'not-the-password' }), 401, 'INVALID_LOGIN');
    const unknown = expectApiError(await anonymous.post('/api/auth/login', { username: 'nobody', password: 'not-the-password' }), 401, 'INVALID_LOGIN');
    expect(unknown.message).toBe(wrong.message);
    expect((await anonymous.post('/api/auth/login', { username: 'OWNER', password: ownerLogin.password })).status).toBe(200);
  });

  it('after 5 failures for a username further attempts get 429 TOO_MANY_ATTEMPTS with Retry-After, even with the right password', async () => {
    const { user, password } = await app.login('viewer');
    const anonymous = apiClient(app.url);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expectApiError(await anonymous.post('/api/auth/login', { username: user.username, password: 'wrong-password' }), 401, 'INVALID_LOGIN');
    }
    const refused = await anonymous.post('/api/auth/login', { username: user.username, password });
    expectApiError(refused, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await anonymous.post('/api/auth/login', ownerLogin)).status).toBe(200);
  });

  it('refuses malformed, oversized and hostile bodies with 400/413/415 and a clear message', async () => {
    const anonymous = apiClient(app.url);
    const login = (raw: string, type = 'application/json') => anonymous.send('POST', '/api/auth/login', { raw, headers: { 'content-type': type } });
    expectApiError(await login('{"username":'), 400, 'INVALID_JSON');
    expectApiError(await login('username=owner', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const tooLarge = expectApiError(await login(JSON.stringify({ username: 'owner', password: 'x'.repeat(20_000) })), 413, 'PAYLOAD_TOO_LARGE');
    expect(tooLarge.message).toMatch(/at most \d+ bytes/);
    expectApiError(await login('[1,2]'), 400, 'BAD_REQUEST');
    const cases: Array<[unknown, RegExp]> = [
      [{ username: 'owner' }, /"password"/],
      [{ username: 'own er', password: 'whatever-long' }, /"username" may hold only/],
      [{ username: 'x'.repeat(65), password: 'whatever-long' }, /"username" must be at most 64/],
      [{ username: 'owner', password: 'whatever-long', role: 'owner' }, /unknown field "role"/],
      [{ username: ['owner'], password: 'whatever-long' }, /"username" must be a string/],
      [{ username: '__proto__', password: 'x'.repeat(201) }, /"password" must be at most 200/],
    ];
    for (const [body, message] of cases) expect(expectApiError(await anonymous.post('/api/auth/login', body), 400, 'INVALID_BODY').message).toMatch(message);
  });
});

describe('personal API tokens', () => {
  it('are created with their secret shown once, listed without it, used, and stop working when revoked', async () => {
    const { api } = await app.login('viewer');
    const created = await api.post('/api/tokens', { name: 'ci' });
    expect(created.status).toBe(201);
    const { token, secret } = created.body as { token: { id: string; prefix: string }; secret: string };
    expect(secret).toMatch(/^hf_[\w-]{43}$/);
    expect(token).toEqual({ id: expect.any(String), name: 'ci', prefix: secret.slice(0, 8), createdAt: expect.any(String), lastUsedAt: null });

    const ci = apiClient(app.url, { authorization: `Bearer ${secret}` });
    expect((await ci.get('/api/flows')).status).toBe(200);
    const listed = await api.get('/api/tokens');
    expect(listed.text).not.toContain(secret);
    expect(listed.body.tokens).toContainEqual({ ...token, lastUsedAt: expect.any(String) });

    expect((await api.delete(`/api/tokens/${token.id}`)).status).toBe(204);
    expectApiError(await ci.get('/api/flows'), 401, 'UNAUTHENTICATED');
    expectApiError(await api.delete(`/api/tokens/${token.id}`), 404, 'TOKEN_NOT_FOUND');
  });

  it("a user cannot see or revoke another user's token", async () => {
    const [ada, bob] = [await app.login('editor'), await app.login('editor')];
    const { token } = (await ada.api.post('/api/tokens', { name: 'mine' })).body as { token: { id: string } };
    expect((await bob.api.get('/api/tokens')).text).not.toContain(token.id);
    expectApiError(await bob.api.delete(`/api/tokens/${token.id}`), 404, 'TOKEN_NOT_FOUND');
    expectApiError(await ada.api.post('/api/tokens', { name: ' ' }), 400, 'INVALID_BODY');
  });
});

describe('users (owners only)', () => {
  it('creates, changes and removes users; a removed user’s tokens stop working', async () => {
    const created = await app.api.post('/api/users', { username: 'carol', password: 'carol-password', role: 'viewer' });
    expect(created.status, created.text).toBe(201);
    const carol = created.body.user as { id: string };
    expect(carol).toEqual({ id: expect.any(String), username: 'carol', role: 'viewer', createdAt: expect.any(String) });
    expectApiError(await app.api.post('/api/users', { username: 'Carol', password: 'carol-password', role: 'viewer' }), 409, 'USER_EXISTS');
    expectApiError(await app.api.post('/api/users', { username: 'dave', password: 'short', role: 'viewer' }), 400, 'INVALID_BODY');
    expectApiError(await app.api.post('/api/users', { username: 'dave', password: 'dave-password', role: 'admin' }), 400, 'INVALID_BODY');

    const promoted = await app.api.patch(`/api/users/${carol.id}`, { role: 'editor' });
    expect(promoted.body.user).toEqual({ id: carol.id, username: 'carol', role: 'editor', createdAt: expect.any(String) });
    expectApiError(await app.api.patch(`/api/users/${carol.id}`, {}), 400, 'INVALID_BODY');
    const { secret } = await app.auth.tokens.create(carol.id, 'x');
    const asCarol = apiClient(app.url, { authorization: `Bearer ${secret}` });
    expect((await asCarol.post('/api/preview', { flow: {} })).status).not.toBe(403);

    expect((await app.api.delete(`/api/users/${carol.id}`)).status).toBe(204);
    expectApiError(await asCarol.get('/api/flows'), 401, 'UNAUTHENTICATED');
    expectApiError(await app.api.delete(`/api/users/${carol.id}`), 404, 'USER_NOT_FOUND');
    expect((await app.api.get('/api/users')).body.users.map((user: { username: string }) => user.username)).not.toContain('carol');
  });

  it('the last owner can be neither demoted nor removed (409 LAST_OWNER); with a second owner they can', async () => {
    const owner = app.auth.users.findByName('owner')!;
    expectApiError(await app.api.patch(`/api/users/${owner.id}`, { role: 'editor' }), 409, 'LAST_OWNER');
    expectApiError(await app.api.delete(`/api/users/${owner.id}`), 409, 'LAST_OWNER');
    const second = await app.login('owner');
    expect((await second.api.patch(`/api/users/${second.user.id}`, { role: 'viewer' })).status).toBe(200);
    expectApiError(await second.api.get('/api/users'), 403, 'FORBIDDEN');
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const fresh = await startTestApp();
    try {
      const [ann, ben] = [await fresh.login('owner'), await fresh.login('owner')];
      await fresh.auth.users.update(fresh.auth.users.findByName('owner')!.id, { role: 'viewer' });
      const race = await Promise.all([
        ann.api.patch(`/api/users/${ben.user.id}`, { role: 'viewer', password: 'ben-new-password' }),
        ben.api.patch(`/api/users/${ann.user.id}`, { role: 'viewer', password: 'ann-new-password' }),
      ]);
      expect(race.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(fresh.auth.users.list().filter((user) => user.role === 'owner')).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('a role change applies at once to the user’s sessions and tokens', async () => {
    const editor = await app.login('editor');
    await app.api.patch(`/api/users/${editor.user.id}`, { role: 'viewer' });
    expectApiError(await editor.api.post('/api/preview', { flow: {} }), 403, 'FORBIDDEN');
  });
});

describe('changing one’s password', () => {
  it('needs the current password, ends the other sessions, and the new password signs in', async () => {
    const session = await app.loginSession('viewer');
    const other = await app.loginSession('viewer');
    const elsewhere = await apiClient(app.url).post('/api/auth/login', { username: session.user.username, password: session.password });
    const elsewhereClient = apiClient(app.url, { cookie: elsewhere.headers.getSetCookie()[0]!.split(';')[0]! });
    expectApiError(await session.api.post('/api/auth/password', { currentPassword: 'wrong-password', newPassword: 'a-new-password' }), 403, 'WRONG_PASSWORD');
    expectApiError(await session.api.post('/api/auth/password', { currentPassword: session.password, newPassword: 'short' }), 400, 'INVALID_BODY');
    expect((await session.api.post('/api/auth/password', { currentPassword: session.password, newPassword: 'a-new-password' })).status).toBe(204);

    expect((await session.api.get('/api/flows')).status).toBe(200);
    expectApiError(await elsewhereClient.get('/api/flows'), 401, 'UNAUTHENTICATED');
    expect((await other.api.get('/api/flows')).status).toBe(200);
    expectApiError(await apiClient(app.url).post('/api/auth/login', { username: session.user.username, password: session.password }), 401, 'INVALID_LOGIN');
    expect((await apiClient(app.url).post('/api/auth/login', { username: session.user.username, password: 'a-new-password' })).status).toBe(200);
  });
});
