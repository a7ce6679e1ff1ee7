import type { AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePorts, runTestFlow } from '../helpers/run-test-flow.js';
import { createTestServices, type TestServices } from '../helpers/services.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let sink: SmtpSink;
let port: number;
const opened: TestServices[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  port = sink.port;
});

afterAll(async () => {
  for (const test of opened) test.close();
  await sink.close();
});

function servicesFor(smtpUrl: string | undefined) {
  const test = createTestServices({ smtpUrl });
  opened.push(test);
  return test.services;
}

const emailFlow = (config: Record<string, unknown>) => probePorts('email', config, ['success', 'error']);

const deviceMail = {
  from: 'alerts@hookflow.example',
  to: ['service@example.com', '{{ body.owner }}'],
  cc: ['archive@example.com'],
  subject: 'Device {{ body.serialNumber }} reports {{ body.error }}',
  text: 'Serial: {{ body.serialNumber }}\nError: {{ body.error }}',
};

const names = (address: AddressObject | AddressObject[] | undefined) => [address ?? []].flat().flatMap((entry) => entry.value.map((value) => value.address));

describe('email', () => {
  it('sends the rendered message to a real SMTP server, with credentials from the URL', async () => {
    const services = servicesFor(`smtp://hookflow:${encodeURIComponent('p@ss word')}@127.0.0.1:${port}`);
    const body = { serialNumber: 'PLE654-6964-10261', error: '212-16-17', owner: 'owner@example.com' };
    const { output, error } = await runTestFlow(emailFlow(deviceMail), { services, body });
    expect(error).toBeUndefined();
    expect(output).toMatchObject({
      port: 'success',
      result: { messageId: expect.any(String), accepted: ['service@example.com', 'owner@example.com', 'archive@example.com'], rejected: [] },
    });
    const { mail, recipients } = sink.received.at(-1)!;
    expect(mail.from?.value[0]?.address).toBe('alerts@hookflow.example');
    expect(names(mail.to)).toEqual(['service@example.com', 'owner@example.com']);
    expect(names(mail.cc)).toEqual(['archive@example.com']);
    expect(recipients).toEqual(['service@example.com', 'owner@example.com', 'archive@example.com']);
    expect(mail.subject).toBe('Device PLE654-6964-10261 reports 212-16-17');
    expect(mail.text?.trim()).toBe('Serial: PLE654-6964-10261\nError: 212-16-17');
  });

  it('sends HTML and turns line breaks in the subject into spaces', async () => {
    const services = servicesFor(`smtp://127.0.0.1:${port}`);
    const config = { from: 'a@example.com', to: ['b@example.com'], subject: '{{ body.subject }}', html: '<p>{{ body.n }}</p>' };
    await runTestFlow(emailFlow(config), { services, body: { subject: 'two\r\nBcc: evil@example.com', n: 3 } });
    const { mail, recipients } = sink.received.at(-1)!;
    expect(mail.subject).toBe('two Bcc: evil@example.com');
    expect(mail.html).toContain('<p>3</p>');
    expect(recipients).toEqual(['b@example.com']);
  });

  it('refuses a rendered address with a line break or a second address, before sending', async () => {
    const services = servicesFor(`smtp://127.0.0.1:${port}`);
    const before = sink.received.length;
    for (const owner of ['owner@example.com\r\nBcc: evil@example.com', 'a@example.com, b@example.com', 'no-at-sign']) {
      const { error } = await runTestFlow(emailFlow(deviceMail), { services, body: { owner } });
      expect(error).toContain('to[1]:');
      expect(error).toContain('is not a single e-mail address');
    }
    expect(sink.received.length).toBe(before);
  });

  it('refuses a fixed address that is not one at save time', async () => {
    await expect(runTestFlow(emailFlow({ ...deviceMail, from: 'Alerts <alerts@example.com>' }))).rejects.toThrow('from:');
    await expect(runTestFlow(emailFlow({ ...deviceMail, to: [] }))).rejects.toThrow('Add at least one recipient.');
  });

  it('takes the error port when the SMTP server refuses', async () => {
    const wrongPassword = servicesFor(`smtp://hookflow:wrong@127.0.0.1:${port}`);
    const denied = await runTestFlow(emailFlow({ ...deviceMail, to: ['ops@example.com'] }), { services: wrongPassword });
    expect(denied.output).toMatchObject({ port: 'error', result: { error: { code: 'EAUTH' } } });
    expect(JSON.stringify(denied.outcome)).not.toContain('wrong@');

    const services = servicesFor(`smtp://127.0.0.1:${port}`);
    const { output } = await runTestFlow(emailFlow({ ...deviceMail, to: ['nobody@example.com'], cc: [] }), { services });
    expect(output).toMatchObject({ port: 'error', result: { error: { code: 'EENVELOPE' } } });
  });

  it('takes the error port with a hint for the admin when no SMTP server is configured', async () => {
    const { output } = await runTestFlow(emailFlow({ ...deviceMail, to: ['ops@example.com'] }), { services: servicesFor(undefined) });
    expect(output).toMatchObject({ port: 'error', result: { error: { code: 'SMTP_NOT_CONFIGURED', message: expect.stringContaining('HOOKFLOW_SMTP_URL') } } });
  });
});
