import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../nodes/registry.js';
import { compileFlow } from '../../server/engine/compile-flow.js';
import { exampleFlowsDir } from '../../server/runtime/example-flows.js';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { eventually, startTestApp, type TestApp } from '../helpers/start-app.js';

type FlowJson = { id: string; nodes: Array<{ id: string; config: Record<string, unknown> }> };

const dir = exampleFlowsDir();
const files = readdirSync(dir).filter((name) => name.endsWith('.flow.json'));
const load = (id: string): FlowJson => JSON.parse(readFileSync(path.join(dir, `${id}.flow.json`), 'utf8')) as FlowJson;

/** An example with one node's config changed (to point its outgoing calls at a local server). */
function patched(id: string, nodeId: string, config: Record<string, unknown>): FlowJson {
  const flow = load(id);
  const node = flow.nodes.find((candidate) => candidate.id === nodeId)!;
  node.config = { ...node.config, ...config };
  return flow;
}

let app: TestApp;
let crm: HttpSink;
let smtp: SmtpSink;

beforeAll(async () => {
  [crm, smtp] = await Promise.all([startHttpSink(), startSmtpSink()]);
  app = await startTestApp({ HOOKFLOW_SMTP_URL: smtp.url() });
  await app.createFlow(load('device-errors'));
  await app.createFlow(load('order-summary'));
  await app.createFlow(load('marketing-contact-events'));
  await app.createFlow(patched('shop-order-to-crm', 'crm', { url: `${crm.url}/api/orders` }));
  await app.createFlow(patched('contact-form', 'subscribe', { url: `${crm.url}/lists/subscribers` }));
});

afterAll(async () => {
  await app.close();
  await Promise.all([crm.close(), smtp.close()]);
});

const order = {
  id: 'ORD-1001',
  currency: 'EUR',
  customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  items: [
    { sku: 'A', price: 9.99, quantity: 2 },
    { sku: 'B', price: 5, quantity: 1 },
    { sku: 'C', price: 0.5, quantity: 4 },
  ],
};

describe('example flows', () => {
  it.each(files)('%s validates and compiles', (file) => {
    expect(() => compileFlow(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), createRegistry())).not.toThrow();
  });

  it('every example is exercised below', () => {
    expect(files.map((file) => file.replace('.flow.json', '')).sort()).toEqual(
      ['contact-form', 'device-errors', 'marketing-contact-events', 'order-summary', 'shop-order-to-crm'].sort(),
    );
  });

  it('device-errors answers consecutive case references and explains a bad report', async () => {
    const report = { serialNumber: 'PLE654-6964-10261', error: '212-16-17' };
    const first = await app.post('/webhook/device-errors', report);
    expect(await first.json()).toEqual({ reference: 'CASE-000001' });
    const second = await app.post('/webhook/device-errors', report);
    expect(await second.json()).toEqual({ reference: 'CASE-000002' });
    const bad = await app.post('/webhook/device-errors', { serialNumber: 42 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/serialNumber and error/) });
  });

  it('order-summary answers the totals of an order', async () => {
    const response = await app.post('/webhook/shop/order-summary', order);
    expect(await response.json()).toEqual({ orderId: 'ORD-1001', customer: 'ada@example.com', items: 3, quantity: 7, total: 26.98, currency: 'EUR' });
  });

  it('shop-order-to-crm posts the order to the CRM and confirms, or answers 502 when the CRM fails', async () => {
    crm.answer = { status: 201, body: { id: 'crm-77' } };
    const response = await app.post('/webhook/shop/orders', order);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ orderId: 'ORD-1001', total: 26.98, crmId: 'crm-77' });
    const sent = crm.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', url: '/api/orders', headers: expect.objectContaining({ 'x-source': 'hookflow', 'content-type': 'application/json' }) });
    expect(sent.body).toMatchObject({ orderId: 'ORD-1001', email: 'ada@example.com', total: 26.98, lines: [{ sku: 'A', quantity: 2, amount: 19.98 }, { sku: 'B', quantity: 1, amount: 5 }, { sku: 'C', quantity: 4, amount: 2 }] });

    crm.answer = { status: 503, body: { message: 'maintenance' } };
    const down = await app.post('/webhook/shop/orders', order);
    expect(down.status).toBe(502);
    expect(await down.json()).toEqual({ error: expect.stringMatching(/CRM did not accept/), orderId: 'ORD-1001' });
  });

  it('contact-form answers 202 at once, then subscribes newsletter sign-ups or e-mails support', async () => {
    crm.answer = { status: 200, body: { ok: true } };
    const signup = await fetch(`${app.url}/webhook/forms/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Grace&email=grace%40example.com&newsletter=yes',
    });
    expect(signup.status).toBe(202);
    const subscribed = await eventually(async () => crm.requests.find((request) => request.url === '/lists/subscribers'));
    expect(subscribed.body).toEqual({ email: 'grace@example.com', name: 'Grace', source: 'contact-form' });

    const question = await app.post('/webhook/forms/contact', { name: 'Alan', email: 'alan@example.com', subject: 'Invoice', message: 'Where is my invoice?' });
    expect(question.status).toBe(202);
    const mail = await eventually(async () => smtp.received.at(-1));
    expect(mail.recipients).toEqual(['support@example.com']);
    expect(mail.mail.subject).toBe('Contact form: Invoice');
    expect(mail.mail.text).toContain('From: Alan <alan@example.com>');
    expect(mail.mail.text).toContain('Where is my invoice?');
  });

  it('marketing-contact-events picks the follow-up by event type', async () => {
    const answer = async (type: string) => (await app.post('/webhook/marketing/contacts', { type, contact: { email: 'c@example.com', country: 'DE' } })).json();
    expect(await answer('contact.created')).toEqual({ action: 'start-welcome-series', email: 'c@example.com', segment: 'dach' });
    expect(await answer('contact.unsubscribed')).toEqual({ action: 'suppress', email: 'c@example.com', reason: 'unsubscribed' });
    expect(await answer('email.bounced')).toEqual({ action: 'suppress', email: 'c@example.com', reason: 'bounced' });
    expect(await answer('contact.merged')).toEqual({ action: 'ignored', type: 'contact.merged' });
  });
});
