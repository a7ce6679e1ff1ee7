import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialFields, CredentialSource } from '../../server/credentials/types.js';
import { probePorts, runTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices } from '../helpers/services.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const mail = { from: 'alerts@hookflow.example', to: ['ops@example.com'], subject: 'Through the account' };

async function send(account: CredentialFields['smtp'], config: Record<string, unknown> = { ...mail, credential: 'mail' }) {
  const credentials: CredentialSource = { resolve: (name, type) => (name === 'mail' && type === 'smtp' ? (account as never) : undefined) };
  // No server SMTP URL: a message that goes out went through the credential's account.
  const test = createTestServices({ credentials });
  try {
    return await runTestFlow(probePorts('email', config, ['success', 'error']), { services: test.services });
  } finally {
    test.close();
  }
}

describe('email with an SMTP credential', () => {
  it('sends through the account the credential names', async () => {
    const before = sink.received.length;
    const { output } = await send({ host: '127.0.0.1', port: sink.port, secure: false, username: 'hookflow', password: 'p@ss word' });
    expect(output).toMatchObject({ port: 'success' });
    expect(sink.received.length).toBe(before + 1);
    expect(sink.received.at(-1)!.mail.subject).toBe('Through the account');
  });

  it('takes the error port when the account\'s login is refused, without the password in the error', async () => {
    const { output } = await send({ host: '127.0.0.1', port: sink.port, secure: false, username: 'hookflow', password: 'wrong-password-x' });
    expect(output).toMatchObject({ port: 'error' });
    expect(JSON.stringify(output)).not.toContain('wrong-password-x');
  });

  it('fails the node, naming the credential, when it does not exist', async () => {
    const { error } = await send({ host: '127.0.0.1', port: sink.port, secure: false }, { ...mail, credential: 'absent' });
    expect(error).toMatch(/"absent"/);
  });
});
