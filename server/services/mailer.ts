import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { NodeServices } from '../../nodes/define-node.js';
import type { CredentialFields } from '../credentials/types.js';
import type { Resolver } from '../network/guarded-socket.js';
import type { OutboundPolicy } from '../network/outbound-policy.js';
import { guardedSmtpSocket } from '../network/smtp-socket.js';

type SendMail = NodeServices['sendMail'];
type SmtpAccount = CredentialFields['smtp'];
type Transport = ReturnType<typeof nodemailer.createTransport>;

/** The `sendMail` service, plus `close()` to release the pooled SMTP connections at shutdown. */
export type Mailer = SendMail & { close(): void };

export interface MailerOptions {
  /** HOOKFLOW_SMTP_URL: the server's own account, used when a node names none. */
  smtpUrl: string | undefined;
  /** Every SMTP host is checked against it after DNS resolution. */
  policy: OutboundPolicy;
  /** Replaces the system DNS resolver (tests). */
  resolve?: Resolver;
}

const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Pooled transports kept for SMTP accounts of credentials; the least recently used is closed past it. */
const maxAccountTransports = 20;

/**
 * Builds the `sendMail` service: through the SMTP account given with a message (an SMTP
 * credential), else through `HOOKFLOW_SMTP_URL` (`smtp://user:pass@host:587` or `smtps://…:465`).
 * Each account gets a pooled transport, created on its first message and keyed by a hash of
 * its fields, so a changed credential gets a new one. Without an account or URL every send
 * rejects with a message for the admin. Errors never include the URL or a password.
 *
 * @example
 * const sendMail = createMailer({ smtpUrl: process.env.HOOKFLOW_SMTP_URL, policy });
 * await sendMail({ from: 'alerts@example.com', to: ['ops@example.com'], subject: 'Hi', text: '…' }, signal);
 */
export function createMailer(options: MailerOptions): Mailer {
  const getSocket = guardedSmtpSocket(options.policy, timeouts.connectionTimeout, options.resolve);
  const transports = new Map<string, Transport>();
  const transportFor = (account: SmtpAccount | undefined): Transport => {
    const key = account ? accountKey(account) : 'url';
    const existing = transports.get(key);
    if (existing) {
      transports.delete(key);
      transports.set(key, existing);
      return existing;
    }
    const transport = account ? fromAccount(account, getSocket) : fromUrl(options.smtpUrl, getSocket);
    transports.set(key, transport);
    if (transports.size > maxAccountTransports + 1) evictOldestAccount(transports);
    return transport;
  };
  const sendMail: SendMail = async (message, signal, account) => {
    signal.throwIfAborted();
    const info = await transportFor(account).sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true });
    return { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
  };
  return Object.assign(sendMail, {
    close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
    },
  });
}

function fromAccount(account: SmtpAccount, getSocket: ReturnType<typeof guardedSmtpSocket>): Transport {
  const auth = account.username ? { auth: { user: account.username, pass: account.password ?? '' } } : {};
  return nodemailer.createTransport({ host: account.host, port: account.port, secure: account.secure, ...auth, pool: true, getSocket, ...timeouts });
}

function fromUrl(smtpUrl: string | undefined, getSocket: ReturnType<typeof guardedSmtpSocket>): Transport {
  if (!smtpUrl) throw notConfigured();
  const protocol = URL.canParse(smtpUrl) ? new URL(smtpUrl).protocol : undefined;
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw Object.assign(new Error('HOOKFLOW_SMTP_URL must be an smtp:// or smtps:// URL.'), { code: 'SMTP_NOT_CONFIGURED' });
  }
  return nodemailer.createTransport({ url: smtpUrl, pool: true, getSocket, ...timeouts });
}

/** A hash of every field, so that a transport is never shared by two different accounts. */
function accountKey(account: SmtpAccount): string {
  const fields = [account.host, account.port, account.secure, account.username ?? null, account.password ?? null];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Closes the least recently used account transport (never the HOOKFLOW_SMTP_URL one). */
function evictOldestAccount(transports: Map<string, Transport>): void {
  for (const [key, transport] of transports) {
    if (key === 'url') continue;
    transport.close();
    transports.delete(key);
    return;
  }
}

function notConfigured(): Error {
  const message = 'E-mail is not set up on this Hookflow server: an admin must set HOOKFLOW_SMTP_URL (e.g. smtp://user:password@mail.example.com:587), or the e-mail node must name an SMTP credential.';
  return Object.assign(new Error(message), { code: 'SMTP_NOT_CONFIGURED' });
}

function addresses(list: readonly (string | { address: string })[] | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}
