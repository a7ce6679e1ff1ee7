import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';
import { createCredential, createGuardedFlow, expectExecutions, expectRefused, sendRaw } from '../webhook/guards/guarded-app.js';

const logLines: Record<string, unknown>[] = [];
const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _encoding, done) => done(void logLines.push(JSON.parse(String(chunk)))) }));
const body = '{"order":"A-1","card":"4111 1111 1111 1111"}';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { logger });
  await createCredential(app, 'token', 'apiKey', { header: 'X-Api-Key', value: 'current-key', previousValue: 'previous-key' });
  await createCredential(app, 'login', 'basic', { username: 'shop', password: 'p4ssw0rd-long' });
});
afterAll(() => app.close());

/** Sends raw header pairs (repeated or non-ASCII), which fetch would refuse to send. */
function sendRawHeaders(path: string, headers: [string, string][]): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, app.url);
    const req = httpRequest(url, { method: 'POST', headers: [['host', url.host], ['content-type', 'application/json'], ['content-length', String(Buffer.byteLength(body))], ...headers].flat() as never }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('header token and basic auth', () => {
  it('accepts the current and the previous key; refuses a wrong or missing one without running', async () => {
    const path = await createGuardedFlow(app, 'header-token', { auth: { type: 'headerToken', credential: 'token' } });
    expect((await sendRaw(app, path, body, { 'x-api-key': 'current-key' })).status).toBe(200);
    expect((await sendRaw(app, path, body, { 'x-api-key': 'previous-key' })).status).toBe(200);
    await expectRefused(await sendRaw(app, path, body, { 'x-api-key': 'current-kez' }), 401);
    await expectRefused(await sendRaw(app, path, body, { 'x-api-key': 'current-key-and-more' }), 401);
    await expectRefused(await sendRaw(app, path, body), 401);
    await expectExecutions(app, 'header-token', 2);
  });

  it('accepts the right username and password only', async () => {
    const path = await createGuardedFlow(app, 'basic', { auth: { type: 'basic', credential: 'login' } });
    const basic = (text: string) => ({ authorization: `Basic ${Buffer.from(text).toString('base64')}` });
    expect((await sendRaw(app, path, body, basic('shop:p4ssw0rd-long'))).status).toBe(200);
    for (const wrong of ['shop:p4ssw0rd-lonG', 'Shop:p4ssw0rd-long', 'shop', ':', 'shop:p4ssw0rd-long:']) await expectRefused(await sendRaw(app, path, body, basic(wrong)), 401);
    await expectRefused(await sendRaw(app, path, body, { authorization: 'Basic !!!' }), 401);
    await expectRefused(await sendRaw(app, path, body, { authorization: 'Bearer shop:p4ssw0rd-long' }), 401);
    await expectExecutions(app, 'basic', 1);
  });

  it('hides an accepted token or password from the flow, its answer and its record', async () => {
    await createCredential(app, 'shop-check', 'apiKey', { header: 'X-Shop-Check', value: 'shop-check-value-771' });
    const echoHeaders = (id: string, auth: Record<string, unknown>) =>
      app.createFlow(flowDocument(id, { in: ['webhook', { path: `guards/${id}`, auth }], out: ['transform', { expression: '$trigger.headers' }] }, [['in', 'out']]));
    await echoHeaders('echo-token', { type: 'headerToken', credential: 'shop-check' });
    await echoHeaders('echo-basic', { type: 'basic', credential: 'login' });
    const token = await sendRaw(app, '/webhook/guards/echo-token', body, { 'x-shop-check': 'shop-check-value-771' });
    const basic = await sendRaw(app, '/webhook/guards/echo-basic', body, { authorization: `Basic ${Buffer.from('shop:p4ssw0rd-long').toString('base64')}` });
    expect(((await token.json()) as Record<string, string>)['x-shop-check']).toBe('[redacted]');
    expect(((await basic.json()) as Record<string, string>).authorization).toBe('[redacted]');
    await expectExecutions(app, 'echo-token', 1);
    await expectExecutions(app, 'echo-basic', 1);
    const { items } = await app.store.executions.list({ limit: 500 });
    const records = JSON.stringify(await Promise.all(items.map((item) => app.store.executions.get(item.id))));
    expect(records).toContain('[redacted]');
    expect(records).not.toContain('shop-check-value-771');
    expect(records).not.toContain(Buffer.from('shop:p4ssw0rd-long').toString('base64'));
  });

  it('guards the test URL too', async () => {
    await createGuardedFlow(app, 'test-url', { auth: { type: 'headerToken', credential: 'token' } });
    await expectRefused(await sendRaw(app, '/webhook-test/guards/test-url', body), 401);
    expect((await sendRaw(app, '/webhook-test/guards/test-url', body, { 'x-api-key': 'current-key' })).status).toBe(200);
  });

  it('refuses hostile headers: huge, repeated or non-ASCII credentials', async () => {
    await createCredential(app, 'gh-hostile', 'hmacSecret', { secret: 'hostile secret' });
    const path = await createGuardedFlow(app, 'hostile', { auth: { type: 'signature', preset: 'github', credential: 'gh-hostile' } });
    expect(await sendRawHeaders(path, [['x-hub-signature-256', `sha256=${'a'.repeat(12_000)}`]])).toBe(401);
    expect(await sendRawHeaders(path, [['x-hub-signature-256', `sha256=${'0'.repeat(64)}`], ['x-hub-signature-256', `sha256=${'1'.repeat(64)}`]])).toBe(401);
    expect(await sendRawHeaders(path, [['x-hub-signature-256', Buffer.from('sha256=é€', 'utf8').toString('latin1')]])).toBe(401);
    expect(await sendRawHeaders('/webhook/guards/header-token', [['x-api-key', 'current-key'], ['x-api-key', 'current-key']])).toBe(401);
    await expectExecutions(app, 'hostile', 0);
  });
});

describe('a missing credential', () => {
  it('refuses every call with the generic 401 and logs an error naming the flow and the credential', async () => {
    // A draft (inactive) flow may name a credential that does not exist yet; its test URL still runs.
    await app.createFlow(flowDocument('no-credential', { in: ['webhook', { path: 'guards/no-credential', auth: { type: 'headerToken', credential: 'not-created' } }] }, [], { active: false }));
    await expectRefused(await sendRaw(app, '/webhook-test/guards/no-credential', body, { 'x-api-key': 'anything' }), 401);
    const error = logLines.find((line) => line.flowId === 'no-credential' && line.level === 50);
    expect(error).toMatchObject({ credential: 'not-created' });
    expect(String(error!.msg)).toMatch(/no-credential.*not-created/);
  });
});

describe('refusals are counted and logged without bodies or header values', () => {
  it('logs flow, reason and address at warn; GET /api/metrics counts by flow and reason', async () => {
    await sendRaw(app, '/webhook/guards/header-token', body, { 'x-api-key': 'a-guessed-key' });
    const warning = logLines.filter((line) => line.flowId === 'header-token' && line.level === 40).at(-1);
    expect(warning).toMatchObject({ reason: 'auth', ip: '127.0.0.1', msg: 'webhook call refused' });
    expect(warning!.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(logLines)).not.toMatch(/4111|a-guessed-key|current-key/);

    const metrics = await app.api.get('/api/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/hookflow_webhook_rejected_total\{flow="header-token",reason="auth"\} [1-9]/);
    expect(metrics.text).toMatch(/hookflow_webhook_rejected_total\{flow="basic",reason="auth"\} 7/);
    expect((await fetch(`${app.url}/api/metrics`)).status).toBe(401);
  });
});

describe('IP allowlist', () => {
  it('refuses callers outside the list with 403, IPv4-mapped and IPv6 ranges included', async () => {
    const outside = await createGuardedFlow(app, 'ip-outside', { allowIps: ['10.0.0.0/8', '::1'] });
    await expectRefused(await sendRaw(app, outside, body), 403, 'WEBHOOK_FORBIDDEN');
    const inside = await createGuardedFlow(app, 'ip-inside', { allowIps: ['2001:db8::/32', '::ffff:127.0.0.0/104'] });
    expect((await sendRaw(app, inside, body)).status).toBe(200);
    await expectExecutions(app, 'ip-outside', 0);
  });

  it('ignores X-Forwarded-For unless HOOKFLOW_TRUST_PROXY says how many proxies to believe', async () => {
    const path = await createGuardedFlow(app, 'ip-forwarded', { allowIps: ['2001:db8::/32'] });
    await expectRefused(await sendRaw(app, path, body, { 'x-forwarded-for': '2001:db8::7' }), 403, 'WEBHOOK_FORBIDDEN');
    const proxied = await startTestApp({ HOOKFLOW_TRUST_PROXY: '1' });
    try {
      await createGuardedFlow(proxied, 'ip-forwarded', { allowIps: ['2001:db8::/32'] });
      expect((await sendRaw(proxied, path, body, { 'x-forwarded-for': '2001:db8::7' })).status).toBe(200);
      expect((await sendRaw(proxied, path, body, { 'x-forwarded-for': '2001:db8::1, 203.0.113.9' })).status).toBe(403);
      expect((await sendRaw(proxied, path, body, { 'x-forwarded-for': '203.0.113.9, 2001:db8::7' })).status).toBe(200);
      expect((await sendRaw(proxied, path, body)).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

describe('rate and size limits', () => {
  it('answers 429 with Retry-After past the rate, without running', async () => {
    const path = await createGuardedFlow(app, 'rate', { rateLimit: { perMinute: 2 } });
    expect((await sendRaw(app, path, body)).status).toBe(200);
    expect((await sendRaw(app, path, body)).status).toBe(200);
    const limited = await sendRaw(app, path, body);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await expectRefused(limited, 429, 'WEBHOOK_RATE_LIMITED');
    await expectExecutions(app, 'rate', 2);
  });

  it("answers 413 past the flow's body limit, and the server's limit still applies above it", async () => {
    const path = await createGuardedFlow(app, 'size', { maxBodyBytes: 64 });
    expect((await sendRaw(app, path, JSON.stringify({ pad: 'x'.repeat(50) }))).status).toBe(200);
    const tooLarge = await sendRaw(app, path, JSON.stringify({ pad: 'x'.repeat(60) }));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const wide = await createGuardedFlow(app, 'size-wide', { maxBodyBytes: 50 * 1024 * 1024 });
    expect((await sendRaw(app, wide, JSON.stringify({ pad: 'x'.repeat(app.config.maxBodyBytes) }))).status).toBe(413);
    await expectExecutions(app, 'size', 1);
  });
});

describe('de-duplication by Idempotency-Key', () => {
  it('runs a delivery once while its run succeeded, and again after its run failed', async () => {
    const expression = 'body.fail ? $error("the CRM refused it") : { "ok": true }';
    await app.createFlow(flowDocument('idempotent', { in: ['webhook', { path: 'guards/idempotent', dedupe: { enabled: true, windowSeconds: 60 } }], out: ['transform', { expression }] }, [['in', 'out']]));
    const send = (key: string, payload: unknown) => sendRaw(app, '/webhook/guards/idempotent', JSON.stringify(payload), { 'idempotency-key': key });
    expect((await send('op-1', {})).status).toBe(200);
    expect(await (await send('op-1', {})).json()).toMatchObject({ status: 'duplicate' });
    expect((await send('op-2', { fail: true })).status).toBe(502);
    expect((await send('op-2', { fail: true })).status).toBe(502);
    expect((await send('op-3', {})).status).toBe(200);
    await expectExecutions(app, 'idempotent', 4);
  });
});

describe('CORS per webhook', () => {
  const preflight = (path: string, origin: string) =>
    fetch(`${app.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key' } });

  it('answers preflights and allows listed origins only', async () => {
    const path = await createGuardedFlow(app, 'cors', { cors: { origins: ['https://shop.example.com'] } });
    const allowed = await preflight(path, 'https://shop.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key');
    const other = await preflight(path, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const call = await sendRaw(app, path, body, { origin: 'https://shop.example.com' });
    expect(call.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect((await sendRaw(app, path, body, { origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBeNull();
    const odd = await fetch(`${app.url}${path}`, { method: 'OPTIONS', headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-a, <script>' } });
    expect(odd.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('allows any origin with "*", never with credentials', async () => {
    const path = await createGuardedFlow(app, 'cors-any', { cors: { origins: ['*'] } });
    const response = await preflight(path, 'https://anyone.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('sends no CORS headers for a webhook without origins, as before', async () => {
    const path = await createGuardedFlow(app, 'no-cors', {});
    const response = await preflight(path, 'https://shop.example.com');
    expect(response.status).toBe(405);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
