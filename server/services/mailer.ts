import nodemailer from 'nodemailer';
import type { NodeServices } from '../../nodes/define-node.js';

type SendMail = NodeServices['sendMail'];

/** The `sendMail` service, plus `close()` to release the pooled SMTP connections at shutdown. */
export type Mailer = SendMail & { close(): void };

const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Builds the `sendMail` service from `HOOKFLOW_SMTP_URL` (`smtp://user:pass@host:587` or
 * `smtps://…:465`). The pooled transport is created on the first message, so a server that
 * never sends mail never connects. Without a URL every send rejects with a message for the
 * admin. Errors never include the URL, so the password cannot leak into logs or records.
 *
 * @example
 * const sendMail = createMailer(process.env.HOOKFLOW_SMTP_URL);
 * await sendMail({ from: 'alerts@example.com', to: ['ops@example.com'], subject: 'Hi', text: '…' }, signal);
 */
export function createMailer(smtpUrl: string | undefined): Mailer {
  let transport: ReturnType<typeof createTransport> | undefined;
  const sendMail: SendMail = async (message, signal) => {
    signal.throwIfAborted();
    if (!smtpUrl) throw notConfigured();
    transport ??= createTransport(smtpUrl);
    const info = await transport.sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true });
    return { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
  };
  return Object.assign(sendMail, {
    close() {
      transport?.close();
      transport = undefined;
    },
  });
}

function createTransport(smtpUrl: string) {
  const protocol = URL.canParse(smtpUrl) ? new URL(smtpUrl).protocol : undefined;
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw Object.assign(new Error('HOOKFLOW_SMTP_URL must be an smtp:// or smtps:// URL.'), { code: 'SMTP_NOT_CONFIGURED' });
  }
  return nodemailer.createTransport({ url: smtpUrl, pool: true, ...timeouts });
}

function notConfigured(): Error {
  const message = 'E-mail is not set up on this Hookflow server: an admin must set HOOKFLOW_SMTP_URL (e.g. smtp://user:password@mail.example.com:587).';
  return Object.assign(new Error(message), { code: 'SMTP_NOT_CONFIGURED' });
}

function addresses(list: readonly (string | { address: string })[] | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}
