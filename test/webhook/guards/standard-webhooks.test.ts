import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { standardWebhooksScheme as scheme } from '../../../server/webhook/guards/standard-webhooks.js';
import { secrets, signedRequest } from './signed-request.js';

// The published test vector of the Standard Webhooks specification.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = 1614265330;
const body = '{"test": 2432232314}';
const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };

describe('Standard Webhooks v1', () => {
  it('passes the published vector with the clock at its timestamp', () => {
    expect(scheme.verify(signedRequest(headers, body, timestamp), secrets(secret))).toBe('ok');
    expect(new StandardWebhook(secret).sign(id, new Date(timestamp * 1000), body)).toBe(signature);
  });

  it('refuses the vector 301 s away from its timestamp, either way, as stale', () => {
    expect(scheme.verify(signedRequest(headers, body, timestamp + 301), secrets(secret))).toBe('stale');
    expect(scheme.verify(signedRequest(headers, body, timestamp - 301), secrets(secret))).toBe('stale');
    expect(scheme.verify(signedRequest(headers, body, timestamp + 300), secrets(secret))).toBe('ok');
  });

  it('refuses a tampered body, id or timestamp, and a wrong secret', () => {
    expect(scheme.verify(signedRequest(headers, '{"test": 2432232315}', timestamp), secrets(secret))).toBe('signature');
    expect(scheme.verify(signedRequest({ ...headers, 'webhook-id': 'msg_other' }, body, timestamp), secrets(secret))).toBe('signature');
    expect(scheme.verify(signedRequest({ ...headers, 'webhook-timestamp': String(timestamp + 1) }, body, timestamp), secrets(secret))).toBe('signature');
    expect(scheme.verify(signedRequest(headers, body, timestamp), secrets('whsec_' + Buffer.from('another secret').toString('base64')))).toBe('signature');
  });

  it('accepts any matching signature of a space-separated list, and the previous secret while rotating', () => {
    const list = { ...headers, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} v2,nonsense ${signature}` };
    expect(scheme.verify(signedRequest(list, body, timestamp), secrets(secret))).toBe('ok');
    expect(scheme.verify(signedRequest(headers, body, timestamp), secrets('whsec_' + Buffer.from('new secret').toString('base64'), secret))).toBe('ok');
  });

  it('refuses missing and malformed headers', () => {
    for (const name of Object.keys(headers)) {
      const without = Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
      expect(scheme.verify(signedRequest(without, body, timestamp), secrets(secret))).toBe('signature');
    }
    for (const bad of ['', 'v1', 'v1,', 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', 'v1a,' + signature.slice(3), `v1,${'A'.repeat(5000)}`]) {
      expect(scheme.verify(signedRequest({ ...headers, 'webhook-signature': bad }, body, timestamp), secrets(secret))).toBe('signature');
    }
    for (const bad of ['1614265330.5', '-1614265330', 'yesterday', '']) {
      expect(scheme.verify(signedRequest({ ...headers, 'webhook-timestamp': bad }, body, timestamp), secrets(secret))).toBe('signature');
    }
  });

  it('verifies what the standardwebhooks and svix libraries sign, under either header names', () => {
    const now = new Date();
    const seconds = Math.floor(now.getTime() / 1000);
    const payload = '{"type":"invoice.paid","amount":12}';
    const standard = new StandardWebhook(secret).sign('msg_1', now, payload);
    expect(scheme.verify(signedRequest({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(seconds), 'webhook-signature': standard }, payload), secrets(secret))).toBe('ok');
    const svix = new SvixWebhook(secret).sign('msg_2', now, payload);
    const svixHeaders = { 'svix-id': 'msg_2', 'svix-timestamp': String(seconds), 'svix-signature': svix };
    expect(scheme.verify(signedRequest(svixHeaders, payload), secrets(secret))).toBe('ok');
    expect(scheme.deliveryId(signedRequest(svixHeaders, payload).headers, undefined)).toBe('msg_2');
  });
});

describe('Standard Webhooks v1a (ed25519)', () => {
  const pair = () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    return { whpk: `whpk_${raw.toString('base64')}`, privateKey };
  };
  const signV1a = (privateKey: ReturnType<typeof createPrivateKey>, content: string) => `v1a,${sign(null, Buffer.from(content), privateKey).toString('base64')}`;
  const now = 1_700_000_000;
  const v1aHeaders = (signature: string) => ({ 'webhook-id': 'msg_a', 'webhook-timestamp': String(now), 'webhook-signature': signature });

  it('verifies a signature over id.timestamp.body with the whpk_ public key, and the previous key while rotating', () => {
    const current = pair();
    const previous = pair();
    const signature = signV1a(current.privateKey, `msg_a.${now}.${body}`);
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body, now), { kind: 'publicKey', values: [current.whpk] })).toBe('ok');
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body, now), { kind: 'publicKey', values: [previous.whpk, current.whpk] })).toBe('ok');
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body, now), { kind: 'publicKey', values: [previous.whpk] })).toBe('signature');
  });

  it('also takes the public key as base64 DER (SubjectPublicKeyInfo), but no key of another type', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const der = `whpk_${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`;
    const signature = signV1a(privateKey, `msg_a.${now}.${body}`);
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body, now), { kind: 'publicKey', values: [der] })).toBe('ok');
    const x25519 = `whpk_${generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`;
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body, now), { kind: 'publicKey', values: [x25519] })).toBe('signature');
  });

  it('refuses a tampered body, a v1 signature under a public key, a malformed key and a stale timestamp', () => {
    const current = pair();
    const signature = signV1a(current.privateKey, `msg_a.${now}.${body}`);
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body + ' ', now), { kind: 'publicKey', values: [current.whpk] })).toBe('signature');
    expect(scheme.verify(signedRequest(v1aHeaders(signature.replace('v1a,', 'v1,')), body, now), { kind: 'publicKey', values: [current.whpk] })).toBe('signature');
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body, now), { kind: 'publicKey', values: ['whpk_bm90IGEga2V5'] })).toBe('signature');
    expect(scheme.verify(signedRequest(v1aHeaders('v1a,' + 'A'.repeat(86) + '=='), body, now), { kind: 'publicKey', values: [current.whpk] })).toBe('signature');
    expect(scheme.verify(signedRequest(v1aHeaders(signature), body, now + 600), { kind: 'publicKey', values: [current.whpk] })).toBe('stale');
  });
});
