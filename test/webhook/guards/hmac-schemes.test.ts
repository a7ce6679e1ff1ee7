import { createHmac } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { githubScheme } from '../../../server/webhook/guards/github.js';
import { hmacHeaderScheme } from '../../../server/webhook/guards/hmac-header.js';
import { shopifyScheme } from '../../../server/webhook/guards/shopify.js';
import { slackScheme } from '../../../server/webhook/guards/slack.js';
import { stripeScheme } from '../../../server/webhook/guards/stripe.js';
import { secrets, signedRequest } from './signed-request.js';

const stripe = new Stripe('sk_test_unused');

describe('GitHub', () => {
  it('passes the published vector', async () => {
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(await githubSign("It's a Secret to Everybody", 'Hello, World!')).toBe(signature);
    expect(githubScheme.verify(signedRequest({ 'x-hub-signature-256': signature }, 'Hello, World!'), secrets("It's a Secret to Everybody"))).toBe('ok');
  });

  it('refuses a tampered body, a wrong secret, a missing or malformed header; accepts the previous secret', async () => {
    const body = '{"action":"opened"}';
    const signature = await githubSign('s3cret', body);
    expect(githubScheme.verify(signedRequest({ 'x-hub-signature-256': signature }, body + ' '), secrets('s3cret'))).toBe('signature');
    expect(githubScheme.verify(signedRequest({ 'x-hub-signature-256': signature }, body), secrets('other'))).toBe('signature');
    expect(githubScheme.verify(signedRequest({}, body), secrets('s3cret'))).toBe('signature');
    for (const bad of [signature.slice(7), `sha1=${signature.slice(7)}`, 'sha256=', `sha256=${signature.slice(7, 40)}`, `${signature}, ${signature}`]) {
      expect(githubScheme.verify(signedRequest({ 'x-hub-signature-256': bad }, body), secrets('s3cret'))).toBe('signature');
    }
    expect(githubScheme.verify(signedRequest({ 'x-hub-signature-256': signature }, body), secrets('new', 's3cret'))).toBe('ok');
    expect(githubScheme.deliveryId(signedRequest({ 'x-github-delivery': 'd-1' }, body).headers, undefined)).toBe('d-1');
  });
});

describe('Stripe', () => {
  const secret = 'whsec_test_secret';
  const payload = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded' });

  it("verifies stripe's test header, with several v1 signatures and the previous secret", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(stripeScheme.verify(signedRequest({ 'stripe-signature': header }, payload), secrets(secret))).toBe('ok');
    const other = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' });
    const both = `${header},v1=${other.split('v1=')[1]}`;
    expect(stripeScheme.verify(signedRequest({ 'stripe-signature': both }, payload), secrets('whsec_other'))).toBe('ok');
    expect(stripeScheme.verify(signedRequest({ 'stripe-signature': header }, payload), secrets('whsec_new', secret))).toBe('ok');
    expect(stripeScheme.deliveryId({}, JSON.parse(payload))).toBe('evt_1');
  });

  it('refuses a tampered body, a wrong secret, a stale timestamp, a missing or malformed header', () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(stripeScheme.verify(signedRequest({ 'stripe-signature': header }, payload.replace('evt_1', 'evt_2')), secrets(secret))).toBe('signature');
    expect(stripeScheme.verify(signedRequest({ 'stripe-signature': header }, payload), secrets('whsec_wrong'))).toBe('signature');
    const old = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stripeScheme.verify(signedRequest({ 'stripe-signature': old }, payload), secrets(secret))).toBe('stale');
    expect(stripeScheme.verify(signedRequest({}, payload), secrets(secret))).toBe('signature');
    for (const bad of [header.replace(/t=\d+,/, ''), header.replace('v1=', 'v0='), 't=abc,v1=00', header.replace(/^t=\d+/, 't=1'), 'nonsense']) {
      expect(stripeScheme.verify(signedRequest({ 'stripe-signature': bad }, payload), secrets(secret))).not.toBe('ok');
    }
  });
});

describe('Shopify', () => {
  const body = '{"id":820982911946154500,"email":"jon@example.com"}';
  const hmac = (secret: string, content: string) => createHmac('sha256', secret).update(content).digest('base64');

  it('verifies the base64 HMAC-SHA256 of the body, with the previous secret too', () => {
    expect(shopifyScheme.verify(signedRequest({ 'x-shopify-hmac-sha256': hmac('shpss_1', body) }, body), secrets('shpss_1'))).toBe('ok');
    expect(shopifyScheme.verify(signedRequest({ 'x-shopify-hmac-sha256': hmac('shpss_1', body) }, body), secrets('shpss_2', 'shpss_1'))).toBe('ok');
    expect(shopifyScheme.deliveryId(signedRequest({ 'x-shopify-webhook-id': 'b54557e4' }, body).headers, undefined)).toBe('b54557e4');
  });

  it('refuses a tampered body, a wrong secret, a hex signature and a missing header', () => {
    expect(shopifyScheme.verify(signedRequest({ 'x-shopify-hmac-sha256': hmac('shpss_1', body) }, body.replace('jon', 'eve')), secrets('shpss_1'))).toBe('signature');
    expect(shopifyScheme.verify(signedRequest({ 'x-shopify-hmac-sha256': hmac('other', body) }, body), secrets('shpss_1'))).toBe('signature');
    const hex = createHmac('sha256', 'shpss_1').update(body).digest('hex');
    expect(shopifyScheme.verify(signedRequest({ 'x-shopify-hmac-sha256': hex }, body), secrets('shpss_1'))).toBe('signature');
    expect(shopifyScheme.verify(signedRequest({}, body), secrets('shpss_1'))).toBe('signature');
  });
});

describe('Slack', () => {
  const body = 'token=x&team_id=T1&command=%2Fweather&text=94070';
  const now = 1_531_420_618;
  const sign = (secret: string, timestamp: number, content: string) => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${content}`).digest('hex')}`;
  const headers = (timestamp: number, signature: string) => ({ 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature });

  it('verifies v0 over "v0:<timestamp>:<body>" within five minutes', () => {
    expect(slackScheme.verify(signedRequest(headers(now, sign('8f742231b1', now, body)), body, now + 299), secrets('8f742231b1'))).toBe('ok');
    expect(slackScheme.deliveryId({}, { event_id: 'Ev08' })).toBe('Ev08');
  });

  it('refuses a stale or re-dated timestamp, a tampered body and a missing header', () => {
    expect(slackScheme.verify(signedRequest(headers(now, sign('8f742231b1', now, body)), body, now + 301), secrets('8f742231b1'))).toBe('stale');
    expect(slackScheme.verify(signedRequest(headers(now + 100, sign('8f742231b1', now, body)), body, now), secrets('8f742231b1'))).toBe('signature');
    expect(slackScheme.verify(signedRequest(headers(now, sign('8f742231b1', now, body)), body + '1', now), secrets('8f742231b1'))).toBe('signature');
    expect(slackScheme.verify(signedRequest({ 'x-slack-signature': sign('8f742231b1', now, body) }, body, now), secrets('8f742231b1'))).toBe('signature');
  });
});

describe('generic HMAC', () => {
  it('checks the configured header, algorithm, encoding and prefix', () => {
    const scheme = hmacHeaderScheme({ header: 'x-signature', prefix: 'sha512=', algorithm: 'sha512', encoding: 'base64' });
    const signature = `sha512=${createHmac('sha512', 'k').update('hello').digest('base64')}`;
    expect(scheme.verify(signedRequest({ 'x-signature': signature }, 'hello'), secrets('k'))).toBe('ok');
    expect(scheme.verify(signedRequest({ 'x-signature': signature.slice(7) }, 'hello'), secrets('k'))).toBe('signature');
    expect(scheme.verify(signedRequest({ 'x-signature': signature }, 'hello!'), secrets('k'))).toBe('signature');
    expect(scheme.deliveryId({ 'idempotency-key': 'op-7' }, undefined)).toBe('op-7');
  });
});
