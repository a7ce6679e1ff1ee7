import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, echoFlow, expectApiError } from '../helpers/api-client.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('session cookies and CSRF', () => {
  it('signing in sets an HttpOnly, SameSite=Strict session cookie (not Secure over plain http) and answers the user and CSRF token', async () => {
    const session = await app.loginSession('editor');
    const response = await apiClient(app.url).post('/api/auth/login', { username: session.user.username, password: session.password });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ user: { id: session.user.id, username: session.user.username, role: 'editor' }, csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^hookflow_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await session.api.get('/api/auth/session')).body).toEqual({ user: session.user, csrfToken: session.csrfToken });
  });

  it('an unsafe request with the cookie but without x-csrf-token is refused: 403 CSRF_FAILED, nothing changes', async () => {
    const session = await app.loginSession('editor');
    expectApiError(await session.cookieOnly.post('/api/flows', echoFlow('forged')), 403, 'CSRF_FAILED');
    expectApiError(await session.cookieOnly.post('/api/flows', echoFlow('forged'), { 'x-csrf-token': 'f'.repeat(64) }), 403, 'CSRF_FAILED');
    expect((await app.api.get('/api/flows/forged')).status).toBe(404);
    expect((await session.cookieOnly.get('/api/flows')).status).toBe(200);
  });

  it("another site's page is refused even with the token: a foreign Origin answers 403 CSRF_FAILED", async () => {
    const session = await app.loginSession('editor');
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1.evil.example`, 'not a url']) {
      expectApiError(await session.api.post('/api/flows', echoFlow('cross-site'), { origin }), 403, 'CSRF_FAILED');
    }
    expectApiError(await app.api.post('/api/flows', echoFlow('cross-site'), { origin: 'https://evil.example' }), 403, 'CSRF_FAILED');
    expect((await session.api.post('/api/flows', echoFlow('same-site'), { origin: app.url })).status).toBe(201);
  });

  it('with the cookie and its CSRF token the change goes through; a Bearer token needs no CSRF token', async () => {
    const session = await app.loginSession('editor');
    expect((await session.api.post('/api/flows', echoFlow('by-session'))).status).toBe(201);
    const scripted = await app.login('editor');
    expect((await scripted.api.post('/api/flows', echoFlow('by-token'))).status).toBe(201);
  });

  it("one session's CSRF token does not work with another session's cookie", async () => {
    const [first, second] = [await app.loginSession('editor'), await app.loginSession('editor')];
    const mixed = apiClient(app.url, { cookie: first.cookie, 'x-csrf-token': second.csrfToken });
    expectApiError(await mixed.post('/api/flows', echoFlow('mixed')), 403, 'CSRF_FAILED');
  });

  it('signing out ends the session: the cookie is cleared and no longer works', async () => {
    const session = await app.loginSession('viewer');
    const out = await session.api.post('/api/auth/logout', {});
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^hookflow_session=; Max-Age=0;/);
    expectApiError(await session.api.get('/api/flows'), 401, 'UNAUTHENTICATED');
  });

  it('an unknown or malformed cookie, or a malformed Authorization header, is 401', async () => {
    expectApiError(await apiClient(app.url, { cookie: 'hookflow_session=made-up' }).get('/api/flows'), 401, 'UNAUTHENTICATED');
    expectApiError(await apiClient(app.url, { cookie: `hookflow_session=${'x'.repeat(5000)}` }).get('/api/flows'), 401, 'UNAUTHENTICATED');
    for (const authorization of ['Basic b3duZXI6b3duZXItcGFzc3dvcmQtMQ==', 'Bearer', 'Bearer hf_made-up', `Bearer ${app.token}x`, app.token]) {
      expectApiError(await apiClient(app.url, { authorization }).get('/api/flows'), 401, 'UNAUTHENTICATED');
    }
  });

  it('the cookie is Secure when the public URL is https', async () => {
    const secure = await startTestApp({ HOOKFLOW_PUBLIC_URL: 'https://hooks.example.com' });
    try {
      const response = await apiClient(secure.url).post('/api/auth/login', { username: 'owner', password: 'owner-password-1' });
      expect(response.headers.getSetCookie()[0]).toMatch(/; Secure; SameSite=Strict$/);
    } finally {
      await secure.close();
    }
  });
});
