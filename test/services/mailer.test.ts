import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../nodes/define-node.js';
import type { Resolver } from '../../server/network/guarded-socket.js';
import { createOutboundPolicy } from '../../server/network/outbound-policy.js';
import { createMailer, type Mailer } from '../../server/services/mailer.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const message: MailMessage = { from: 'alerts@example.com', to: ['ops@example.com'], subject: 'Hello', text: 'Body' };
const signal = new AbortController().signal;

let sink: SmtpSink;
const mailers: Mailer[] = [];
const mailer = (allow: string[], smtpUrl?: string, resolve?: Resolver) => {
  const created = createMailer({ smtpUrl, policy: createOutboundPolicy(allow), resolve });
  mailers.push(created);
  return created;
};

async function failure(sending: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const error = await sending.then(
    () => undefined,
    (caught: { code?: string; message: string }) => caught,
  );
  if (!error) throw new Error('the message was sent');
  return error;
}

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const created of mailers) created.close();
  await sink.close();
});

describe('mailer and the outbound policy', () => {
  it('refuses HOOKFLOW_SMTP_URL pointing at a loopback address by default, without connecting', async () => {
    const error = await failure(mailer([], sink.url())(message, signal));
    expect(error.code).toBe('OUTBOUND_BLOCKED');
    expect(error.message).toBe('Refused to connect to 127.0.0.1: it is a loopback address; allow it with HOOKFLOW_OUTBOUND_ALLOW.');
    expect(sink.received).toHaveLength(0);
  });

  it('refuses an SMTP account on a private address', async () => {
    const error = await failure(mailer(['127.0.0.1'])(message, signal, { host: '10.0.0.1', port: 25, secure: false }));
    expect(error).toMatchObject({ code: 'OUTBOUND_BLOCKED', message: expect.stringMatching(/10\.0\.0\.1: it is a private address/) });
  });

  it('checks the address an SMTP host name resolves to', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.2', family: 4 }];
    const error = await failure(mailer(['127.0.0.1'], undefined, resolve)(message, signal, { host: 'mail.test', port: sink.port, secure: false }));
    expect(error.message).toBe('Refused to connect to mail.test: it resolves to 127.0.0.2, a loopback address; allow it with HOOKFLOW_OUTBOUND_ALLOW.');
  });

  it('sends through the allowed local sink, by the URL or by an account given with the message', async () => {
    const send = mailer(['127.0.0.1'], sink.url());
    await send({ ...message, subject: 'by url' }, signal);
    const sent = await send({ ...message, subject: 'by account' }, signal, { host: 'localhost', port: sink.port, secure: false, username: 'hookflow', password: 'p@ss word' });
    expect(sent.accepted).toEqual(['ops@example.com']);
    expect(sink.received.map((mail) => mail.mail.subject)).toEqual(['by url', 'by account']);
  });

  it('keeps accounts apart: a wrong password fails that account only, and never appears in the error', async () => {
    const send = mailer(['127.0.0.1']);
    const error = await failure(send(message, signal, { host: '127.0.0.1', port: sink.port, secure: false, username: 'hookflow', password: 'wrong-password' }));
    expect(error.message).not.toContain('wrong-password');
    await send({ ...message, subject: 'right account' }, signal, { host: '127.0.0.1', port: sink.port, secure: false, username: 'hookflow', password: 'p@ss word' });
    expect(sink.received.at(-1)?.mail.subject).toBe('right account');
  });

  it('asks the admin for settings when there is neither an account nor a URL', async () => {
    expect((await failure(mailer(['127.0.0.1'])(message, signal))).code).toBe('SMTP_NOT_CONFIGURED');
  });
});
