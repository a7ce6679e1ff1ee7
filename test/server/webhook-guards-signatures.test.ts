import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { createCredential, createGuardedFlow, expectExecutions, expectRefused, sendRaw } from '../webhook/guards/guarded-app.js';

const whsec = (text: string) => `whsec_${Buffer.from(text).toString('base64')}`;
const stripe = new Stripe('sk_test_unused');
const signature = (preset: string, credential: string, extra: Record<string, unknown> = {}) => ({ auth: { type: 'signature', preset, credential, ...extra }, dedupe: { enabled: true } });

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await createCredential(app, 'sw', 'hmacSecret', { secret: whsec('standard secret') });
  await createCredential(app, 'gh', 'hmacSecret', { secret: 'github secret' });
  await createCredential(app, 'stripe', 'hmacSecret', { secret: 'whsec_stripe_endpoint_secret' });
  await createCredential(app, 'shop', 'hmacSecret', { secret: 'shopify client secret' });
  await createCredential(app, 'slack', 'hmacSecret', { secret: 'slack signing secret' });
});
afterAll(() => app.close());

describe('Standard Webhooks (standardwebhooks and svix libraries)', () => {
  const body = JSON.stringify({ type: 'invoice.paid', amount: 12 });
  const headersFor = (id: string, at: Date, secret = whsec('standard secret'), payload = body) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new StandardWebhook(secret).sign(id, at, payload),
  });

  it('runs a valid event once; tampered, wrong-secret, unsigned, malformed, stale and replayed ones do not run', async () => {
    const path = await createGuardedFlow(app, 'standard', signature('standardWebhooks', 'sw'));
    const valid = await sendRaw(app, path, body, headersFor('msg_1', new Date()));
    expect(valid.status).toBe(200);
    expect(await valid.json()).toEqual({ ok: true, body: JSON.parse(body) });

    await expectRefused(await sendRaw(app, path, body.replace('12', '13'), headersFor('msg_2', new Date())), 401);
    await expectRefused(await sendRaw(app, path, body, headersFor('msg_3', new Date(), whsec('wrong secret'))), 401);
    await expectRefused(await sendRaw(app, path, body), 401);
    await expectRefused(await sendRaw(app, path, body, { ...headersFor('msg_4', new Date()), 'webhook-signature': 'v1;not-a-signature' }), 401);
    await expectRefused(await sendRaw(app, path, body, headersFor('msg_5', new Date(Date.now() - 301_000))), 401);
    await expectExecutions(app, 'standard', 1);

    const first = await sendRaw(app, path, body, headersFor('msg_6', new Date()));
    expect(first.status).toBe(200);
    await expectExecutions(app, 'standard', 2);
    const replay = await sendRaw(app, path, body, headersFor('msg_6', new Date()));
    expect(replay.status).toBe(200);
    const duplicate = (await replay.json()) as { executionId: string; status: string };
    expect(duplicate.status).toBe('duplicate');
    const original = await app.store.executions.list({ flowId: 'standard', limit: 1 });
    expect(duplicate.executionId).toBe(original.items[0]!.id);
    await expectExecutions(app, 'standard', 2);
  });

  it('accepts svix-signed events under svix-* header names', async () => {
    const path = await createGuardedFlow(app, 'svix', signature('standardWebhooks', 'sw'));
    const now = new Date();
    const headers = { 'svix-id': 'msg_svix', 'svix-timestamp': String(Math.floor(now.getTime() / 1000)), 'svix-signature': new SvixWebhook(whsec('standard secret')).sign('msg_svix', now, body) };
    expect((await sendRaw(app, path, body, headers)).status).toBe(200);
    await expectRefused(await sendRaw(app, path, `${body} `, headers), 401);
    await expectExecutions(app, 'svix', 1);
  });

  it('passes the published vector over HTTP with the clock set to its timestamp', async () => {
    await createCredential(app, 'sw-vector', 'hmacSecret', { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    const path = await createGuardedFlow(app, 'vector', { auth: { type: 'signature', preset: 'standardWebhooks', credential: 'sw-vector' } });
    const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    await expectRefused(await sendRaw(app, path, '{"test": 2432232314}', headers), 401);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(1614265330 * 1000);
      const response = await sendRaw(app, path, '{"test": 2432232314}', headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, body: { test: 2432232314 } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('verifies v1a ed25519 signatures with a whpk_ public key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    await createCredential(app, 'sw-public', 'publicKey', { key: `whpk_${Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64')}` });
    const path = await createGuardedFlow(app, 'asymmetric', signature('standardWebhooks', 'sw-public'));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const v1a = `v1a,${sign(null, Buffer.from(`msg_a.${timestamp}.${body}`), privateKey).toString('base64')}`;
    expect((await sendRaw(app, path, body, { 'webhook-id': 'msg_a', 'webhook-timestamp': timestamp, 'webhook-signature': v1a })).status).toBe(200);
    await expectRefused(await sendRaw(app, path, body, { 'webhook-id': 'msg_b', 'webhook-timestamp': timestamp, 'webhook-signature': v1a }), 401);
    await expectExecutions(app, 'asymmetric', 1);
  });

  it('accepts both secrets while one is rotated out, and only the new one afterwards', async () => {
    await createCredential(app, 'sw-rotating', 'hmacSecret', { secret: whsec('old secret') });
    const path = await createGuardedFlow(app, 'rotating', signature('standardWebhooks', 'sw-rotating'));
    expect((await sendRaw(app, path, body, headersFor('r1', new Date(), whsec('old secret')))).status).toBe(200);
    const rotate = await app.api.put('/api/credentials/sw-rotating', { data: { secret: whsec('new secret'), previousSecret: whsec('old secret') } });
    expect(rotate.status).toBe(200);
    expect((await sendRaw(app, path, body, headersFor('r2', new Date(), whsec('old secret')))).status).toBe(200);
    expect((await sendRaw(app, path, body, headersFor('r3', new Date(), whsec('new secret')))).status).toBe(200);
    const retire = await app.api.put('/api/credentials/sw-rotating', { data: { previousSecret: null } });
    expect(retire.status).toBe(200);
    await expectRefused(await sendRaw(app, path, body, headersFor('r4', new Date(), whsec('old secret'))), 401);
    await expectExecutions(app, 'rotating', 3);
  });
});

describe('GitHub (@octokit/webhooks-methods)', () => {
  it('runs a valid event; refuses tampered, wrong-secret, unsigned and malformed ones; de-duplicates X-GitHub-Delivery', async () => {
    const path = await createGuardedFlow(app, 'github', signature('github', 'gh'));
    const body = '{"action":"opened","number":1}';
    const headers = async (delivery: string, secret = 'github secret', payload = body) => ({ 'x-github-delivery': delivery, 'x-hub-signature-256': await githubSign(secret, payload) });
    expect((await sendRaw(app, path, body, await headers('d1'))).status).toBe(200);
    await expectRefused(await sendRaw(app, path, body.replace('1}', '2}'), await headers('d2')), 401);
    await expectRefused(await sendRaw(app, path, body, await headers('d3', 'not the secret')), 401);
    await expectRefused(await sendRaw(app, path, body, { 'x-github-delivery': 'd4' }), 401);
    await expectRefused(await sendRaw(app, path, body, { 'x-hub-signature-256': 'sha256=zz' }), 401);
    const replay = await sendRaw(app, path, body, await headers('d1'));
    expect(((await replay.json()) as { status: string }).status).toBe('duplicate');
    await expectExecutions(app, 'github', 1);
  });
});

describe('Stripe (stripe.webhooks.generateTestHeaderString)', () => {
  it('runs a valid event; refuses tampered, wrong-secret, unsigned, malformed and stale ones; de-duplicates the event id', async () => {
    const path = await createGuardedFlow(app, 'stripe', { ...signature('stripe', 'stripe'), respond: 'immediately' });
    const payload = JSON.stringify({ id: 'evt_1', type: 'charge.succeeded' });
    const header = (options: { payload?: string; secret?: string; timestamp?: number } = {}) => ({
      'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: options.payload ?? payload, secret: options.secret ?? 'whsec_stripe_endpoint_secret', ...(options.timestamp ? { timestamp: options.timestamp } : {}) }),
    });
    const valid = await sendRaw(app, path, payload, header());
    expect(valid.status).toBe(202);
    const accepted = (await valid.json()) as { executionId: string };
    await expectRefused(await sendRaw(app, path, payload.replace('evt_1', 'evt_2'), header()), 401);
    await expectRefused(await sendRaw(app, path, payload, header({ secret: 'whsec_wrong' })), 401);
    await expectRefused(await sendRaw(app, path, payload), 401);
    await expectRefused(await sendRaw(app, path, payload, { 'stripe-signature': 't=,v1=' }), 401);
    await expectRefused(await sendRaw(app, path, payload, header({ timestamp: Math.floor(Date.now() / 1000) - 301 })), 401);
    const replay = await sendRaw(app, path, payload, header());
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ executionId: accepted.executionId, status: 'duplicate' });
    await expectExecutions(app, 'stripe', 1);
  });
});

describe('Shopify and Slack (signed with node:crypto as their documentation describes)', () => {
  it('Shopify: base64 HMAC of the body; X-Shopify-Webhook-Id de-duplicates', async () => {
    const path = await createGuardedFlow(app, 'shopify', signature('shopify', 'shop'));
    const body = '{"id":450789469,"total_price":"598.94"}';
    const hmac = (secret: string, payload = body) => createHmac('sha256', secret).update(payload).digest('base64');
    expect((await sendRaw(app, path, body, { 'x-shopify-hmac-sha256': hmac('shopify client secret'), 'x-shopify-webhook-id': 'w1' })).status).toBe(200);
    await expectRefused(await sendRaw(app, path, body.replace('598', '5'), { 'x-shopify-hmac-sha256': hmac('shopify client secret') }), 401);
    await expectRefused(await sendRaw(app, path, body, { 'x-shopify-hmac-sha256': hmac('other') }), 401);
    await expectRefused(await sendRaw(app, path, body), 401);
    const replay = await sendRaw(app, path, body, { 'x-shopify-hmac-sha256': hmac('shopify client secret'), 'x-shopify-webhook-id': 'w1' });
    expect(((await replay.json()) as { status: string }).status).toBe('duplicate');
    await expectExecutions(app, 'shopify', 1);
  });

  it('Slack: v0 signature over the timestamp and the form body, within five minutes', async () => {
    const path = await createGuardedFlow(app, 'slack', signature('slack', 'slack'));
    const body = 'command=%2Fweather&text=94070';
    const signed = (timestamp: number, secret = 'slack signing secret', payload = body) => ({
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${payload}`).digest('hex')}`,
    });
    const now = Math.floor(Date.now() / 1000);
    const valid = await sendRaw(app, path, body, signed(now));
    expect(await valid.json()).toEqual({ ok: true, body: { command: '/weather', text: '94070' } });
    await expectRefused(await sendRaw(app, path, `${body}&admin=1`, signed(now)), 401);
    await expectRefused(await sendRaw(app, path, body, signed(now, 'wrong')), 401);
    await expectRefused(await sendRaw(app, path, body, signed(now - 301)), 401);
    await expectRefused(await sendRaw(app, path, body, { ...signed(now), 'x-slack-request-timestamp': 'now' }), 401);
    await expectExecutions(app, 'slack', 1);
  });

  it('generic: the configured header, algorithm, encoding and prefix', async () => {
    await createCredential(app, 'generic', 'hmacSecret', { secret: 'generic secret' });
    const path = await createGuardedFlow(app, 'generic', { auth: { type: 'signature', preset: 'generic', credential: 'generic', generic: { header: 'X-Acme-Signature', algorithm: 'sha512', encoding: 'hex', prefix: 'sha512=' } } });
    const body = '{"n":1}';
    const mac = createHmac('sha512', 'generic secret').update(body).digest('hex');
    expect((await sendRaw(app, path, body, { 'x-acme-signature': `sha512=${mac}` })).status).toBe(200);
    await expectRefused(await sendRaw(app, path, body, { 'x-acme-signature': mac }), 401);
    await expectExecutions(app, 'generic', 1);
  });

  it('a generic signature without its description is refused at save', async () => {
    const response = await app.post('/api/flows', { schemaVersion: 1, id: 'generic-bad', name: 'x', active: true, nodes: [{ id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: { auth: { type: 'signature', preset: 'generic', credential: 'generic' } } }], edges: [] });
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/custom signature/);
  });
});
