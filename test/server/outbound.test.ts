import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { eventually, flowDocument, startTestApp, type TestApp } from '../helpers/start-app.js';

/** Issue #4, "Safe outgoing requests", through the real server: HTTP request and e-mail nodes under the outbound policy. */
let http: HttpSink;
let smtp: SmtpSink;
let closed: TestApp;
let open: TestApp;

const requestFlow = flowDocument('call-out', { in: ['webhook', { path: 'call-out' }], call: ['http-request', { method: 'POST', url: '{{ body.url }}', body: '{ "hello": 1 }' }] }, [['in', 'call']]);
const mailFlow = flowDocument('mail-out', { in: ['webhook', { path: 'mail-out' }], mail: ['email', { from: 'alerts@example.com', to: ['ops@example.com'], subject: 'Order {{ body.id }}' }] }, [['in', 'mail']]);

async function callOut(app: TestApp, url: string): Promise<{ status?: number; body?: unknown }> {
  const response = await app.post('/webhook/call-out', { url });
  expect(response.status, url).toBe(200);
  return (await response.json()) as never;
}

/** The policy's refusal fails the execution (502) with the refusal's message; it does not take the error port. */
async function expectRefused(app: TestApp, pathname: string, body: unknown, reason: RegExp): Promise<void> {
  const response = await app.post(pathname, body);
  const answer = (await response.json()) as { error: { code: string; message: string; nodeId: string; executionId: string } };
  expect({ status: response.status, code: answer.error.code }, JSON.stringify(answer)).toEqual({ status: 502, code: 'NODE_FAILED' });
  expect(answer.error.message).toMatch(reason);
  // The answer can go out before the record is written.
  await eventually(async () => ((await app.store.executions.get(answer.error.executionId))?.status === 'failed' ? true : undefined));
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
    for (const url of targets) await expectRefused(closed, '/webhook/call-out', { url }, /Refused to connect to .+; allow it with HOOKFLOW_OUTBOUND_ALLOW\./);
    await expectRefused(closed, '/webhook/call-out', { url: `http://localhost:${port}/` }, /localhost: it resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(http.requests).toHaveLength(0);
  });

  it('reaches an address that HOOKFLOW_OUTBOUND_ALLOW admits, and still refuses the rest', async () => {
    expect(await callOut(open, `${http.url}/allowed`)).toMatchObject({ status: 200, body: { id: 'crm-1' } });
    expect(http.requests.map((request) => request.url)).toEqual(['/allowed']);
    await expectRefused(open, '/webhook/call-out', { url: 'http://169.254.169.254/latest/meta-data/' }, /169\.254\.169\.254/);
  });
});

describe('e-mail node', () => {
  it('is refused by default when the SMTP host is a loopback address', async () => {
    await expectRefused(closed, '/webhook/mail-out', { id: 1 }, /Refused to connect to 127\.0\.0\.1/);
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
      await expectRefused(privateMail, '/webhook/mail-out', { id: 3 }, /10\.0\.0\.1: it is a private address/);
    } finally {
      await privateMail.close();
    }
  });
});
