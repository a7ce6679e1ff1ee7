import { pino, type Logger } from 'pino';
import { requestLogFields } from './http/request-id.js';

export type { Logger };

/** Structured JSON logs; secrets are never passed in, and auth headers are redacted if they are. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'hookflow' },
    mixin: requestLogFields,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[redacted]' },
  });
}
