import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api-client.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** HOOKFLOW_TRUST_PROXY applies to the API as it does to webhooks: sign-in records and throttling see the caller behind the proxy. */
describe('the API behind a trusted proxy', () => {
  let behindProxy: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    [behindProxy, direct] = await Promise.all([startTestApp({ HOOKFLOW_TRUST_PROXY: '1' }), startTestApp()]);
  });
  afterAll(() => Promise.all([behindProxy.close(), direct.close()]));

  const failSignIn = (app: TestApp, username: string, forwardedFor: string) =>
    apiClient(app.url).post('/api/auth/login', { username, password: 'not-the-password' }, { 'x-forwarded-for': forwardedFor });
  const failedFrom = async (app: TestApp) =>
    ((await app.api.get('/api/audit?limit=100')).body.events as { action: string; ip?: string }[]).filter((event) => event.action === 'login.failed').map((event) => event.ip);

  it('records the forwarded caller when one proxy hop is trusted, and the socket otherwise', async () => {
    await failSignIn(behindProxy, 'owner', '203.0.113.7');
    await failSignIn(direct, 'owner', '203.0.113.7');
    expect(await failedFrom(behindProxy)).toEqual(['203.0.113.7']);
    expect(await failedFrom(direct)).toEqual([expect.stringMatching(/127\.0\.0\.1$/)]);
  });

  it('throttles sign-ins per forwarded caller, not per proxy: 20 failures from one address do not lock out another', async () => {
    for (let attempt = 0; attempt < 20; attempt++) await failSignIn(behindProxy, `guess-${attempt}`, '198.51.100.9');
    expect((await failSignIn(behindProxy, 'guess-next', '198.51.100.9')).status).toBe(429);
    expect((await failSignIn(behindProxy, 'guess-other', '198.51.100.10')).status).toBe(401);
  });
});
