import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets are never passed in, and auth headers are redacted if they are. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'hookflow' },
    redact: {
      // Credential fields and the vault key too, should an object holding one ever be logged (see server/credentials/).
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.secret', '*.previousSecret', '*.previousValue', 'encryptionKey', '*.encryptionKey'],
      censor: '[redacted]',
    },
  });
}
