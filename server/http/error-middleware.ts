import { jsonErrorPosition } from '../import/parse-import-text.js';
import type { ErrorRequestHandler } from 'express';
import { BadRequestError, FlowError, StorageUnavailableError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isStorageFailure, storageRetryAfter } from '../store/storage-health.js';
import { requestIdFrom } from './request-id.js';
import { sendError } from './send.js';

/** Errors raised by Express's own body parser, mapped to the answers our API gives. */
const parserErrors: Record<string, (error: { limit?: unknown; body?: unknown; message?: unknown }) => BadRequestError> = {
  'entity.parse.failed': ({ body, message }) => {
    if (typeof body !== 'string' || typeof message !== 'string' || body.length > 10 * 1024 * 1024) return new BadRequestError('The body is not valid JSON.', 'INVALID_JSON');
    const { line, column } = jsonErrorPosition(body, message);
    return new BadRequestError(`The body is not valid JSON: the first mistake is at line ${line}, column ${column}.`, 'INVALID_JSON');
  },
  'entity.too.large': ({ limit }) =>
    new BadRequestError(`The request body is too large${typeof limit === 'number' ? `: this endpoint takes at most ${limit} bytes` : ''}.`, 'PAYLOAD_TOO_LARGE', 413),
  'charset.unsupported': () => new BadRequestError('Send the body as UTF-8.', 'UNSUPPORTED_MEDIA_TYPE', 415),
  'encoding.unsupported': () => new BadRequestError('The content encoding is not supported.', 'UNSUPPORTED_MEDIA_TYPE', 415),
};

/** The one place that turns thrown errors into `{ error: { code, message } }` answers. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const type = (error as { type?: string }).type;
    // A write refused by a full, read-only or failing disk (auth.json, credentials.json…): 503 with Retry-After, and logged for the admin.
    const storage = isStorageFailure(error) ? new StorageUnavailableError({ cause: error }) : undefined;
    const mapped = (type ? parserErrors[type]?.(error as { limit?: unknown }) : undefined) ?? storage;
    if (storage || (!mapped && !(error instanceof FlowError))) logger.error({ err: error, method: req.method, url: req.originalUrl, requestId: requestIdFrom(res) }, 'request failed');
    if (res.headersSent) return res.end();
    sendError(res, mapped ?? error, storageRetryAfter(mapped ?? error));
  };
}
