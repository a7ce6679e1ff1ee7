import { connect, isIP } from 'node:net';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { checkConnected, guardLookup, systemResolver, type Resolver } from './guarded-socket.js';
import type { OutboundPolicy } from './outbound-policy.js';

/**
 * nodemailer's `getSocket` for a transport: opens the TCP connection itself, through the
 * policy's lookup, so the SMTP host is checked after DNS resolution and the checked address is
 * the one connected to. nodemailer then speaks SMTP over it and starts TLS itself (`secure` or
 * STARTTLS) with the host name as TLS servername.
 *
 * @example
 * nodemailer.createTransport({ host: 'mail.example.com', port: 587, getSocket: guardedSmtpSocket(policy, 10_000) });
 */
export function guardedSmtpSocket(policy: OutboundPolicy, timeoutMs: number, resolve: Resolver = systemResolver): SMTPTransport.Options['getSocket'] {
  const lookup = guardLookup(policy, resolve);
  return (options, callback) => {
    const host = options.host ?? 'localhost';
    const port = Number(options.port) || (options.secure ? 465 : 587);
    const refused = policy.checkHost(host);
    if (refused) return callback(refused);
    const socket = connect({ host, port, lookup });
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error(`No connection to ${host}:${port} within ${timeoutMs} ms.`), { code: 'ETIMEDOUT' })));
    socket.once('error', callback);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('error', callback);
      const late = isIP(host) ? undefined : checkConnected(policy, host, socket);
      if (!late) return callback(null, { connection: socket });
      socket.destroy();
      callback(late);
    });
  };
}
