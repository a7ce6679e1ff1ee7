import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

/** Issue #4, "Safe outgoing requests", through the real server: HTTP request and e-mail nodes under the outbound policy. */
let http: HttpSink;
let smtp: SmtpSink;
let closed: TestApp;
let open: TestApp;

const requestFlow = flowDocument('call-out', { in: ['webhook', { path: 'call-out' }], call: ['http-request', { method: 'POST', url: '{{ body.url }}', body: '{ "hello": 1 }' }] }, [['in', 'call']]);
const mailFlow = flowDocument('mail-out', { in: ['webhook', { path: 'mail-out' }], mail: ['email', { from: 'alerts@example.com', to: ['ops@example.com'], subject: 'Order {{ body.id }}' }] }, [['in', 'mail']]);

async function callOut(app: TestApp, url: string): Promise<{ status?: number; error?: { code: string; message: string } }> {
  const response = await app.post('/webhook/call-out', { url });
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

beforeAll(async () => {
  http = await startHttpSink();
  smtp = await startSmtpSink();
  closed = await startTestApp({ HOOKFLOW_OUTBOUND_ALLOW: '', HOOKFLOW_SMTP_URL: smtp.url() });
  open = await startTestApp({ HOOKFLOW_SMTP_URL: smtp.url() });
  for (const app of [closed, open]) {
    await app.createFlow(requestFlow);
    await app.createFlow(mailFlow);
  }
});
afterAll(async () => {
  await Promise.all([closed.close(), open.close()]);
  await Promise.all([http.close(), smtp.close()]);
});

describe('HTTP request node', () => {
  it('is refused by default for metadata, private, loopback and odd spellings of them, and nothing reaches the local sink', async () => {
    const port = new URL(http.url).port;
    const targets = [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://2130706433:${port}/`,
      `http://localhost:${port}/`,
      `${http.url}/direct`,
    ];
    for (const url of targets) {
      const result = await callOut(closed, url);
      expect(result.error?.code, url).toBe('OUTBOUND_BLOCKED');
      expect(result.error?.message, url).toMatch(/Refused to connect to .+; allow it with HOOKFLOW_OUTBOUND_ALLOW\./);
    }
    expect((await callOut(closed, `http://localhost:${port}/`)).error?.message).toMatch(/localhost: it resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(http.requests).toHaveLength(0);
  });

  it('reaches an address that HOOKFLOW_OUTBOUND_ALLOW admits, and still refuses the rest', async () => {
    expect(await callOut(open, `${http.url}/allowed`)).toMatchObject({ status: 200, body: { id: 'crm-1' } });
    expect(http.requests.map((request) => request.url)).toEqual(['/allowed']);
    expect((await callOut(open, 'http://169.254.169.254/latest/meta-data/')).error?.code).toBe('OUTBOUND_BLOCKED');
  });
});

describe('e-mail node', () => {
  it('is refused by default when the SMTP host is a loopback address', async () => {
    const response = await closed.post('/webhook/mail-out', { id: 1 });
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('OUTBOUND_BLOCKED');
    expect(smtp.received).toHaveLength(0);
  });

  it('sends through the local SMTP sink that the allowlist admits', async () => {
    const response = await open.post('/webhook/mail-out', { id: 2 });
    expect(await response.json()).toMatchObject({ accepted: ['ops@example.com'] });
    expect(smtp.received.map((mail) => mail.mail.subject)).toEqual(['Order 2']);
  });

  it('is refused when the SMTP server is on a private network', async () => {
    const privateMail = await startTestApp({ HOOKFLOW_SMTP_URL: 'smtp://10.0.0.1:25' });
    try {
      await privateMail.createFlow(mailFlow);
      const response = await privateMail.post('/webhook/mail-out', { id: 3 });
      expect(await response.json()).toMatchObject({ error: { code: 'OUTBOUND_BLOCKED', message: expect.stringMatching(/10\.0\.0\.1: it is a private address/) } });
    } finally {
      await privateMail.close();
    }
  });
});
