import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An id a caller may choose (to follow a request through its own logs): short, plain characters. */
const wellFormed = /^[A-Za-z0-9._:-]{1,128}$/;
const current = new AsyncLocalStorage<string>();

/** The caller's `x-request-id` when well-formed, else a fresh UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && wellFormed.test(sent) ? sent : randomUUID();
}

/**
 * Runs `handle` with the request's id: echoed as `x-request-id` on the answer and added to every
 * log line written while the request is handled (see `requestLogFields`).
 *
 * @example
 * const listener: RequestListener = (req, res) => withRequestId(req, res, () => app(req, res));
 */
export function withRequestId(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const id = requestIdOf(req);
  res.setHeader('x-request-id', id);
  current.run(id, handle);
}

/** pino `mixin`: the fields every log line gets, `{ requestId }` inside a request. */
export function requestLogFields(): { requestId?: string } {
  const id = current.getStore();
  return id === undefined ? {} : { requestId: id };
}
