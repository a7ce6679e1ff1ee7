import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An id a caller may choose (to follow a request through its own logs): short, plain characters. */
const wellFormed = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when well-formed, else a fresh UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && wellFormed.test(sent) ? sent : randomUUID();
}

/**
 * Gives the request its id, echoed on the answer as `x-request-id`. Log lines about the request
 * name it with `requestIdFrom(res)`. It is passed explicitly rather than through
 * AsyncLocalStorage: on Node 20 that turns on promise hooks, which made every `await` of a
 * JSONata evaluation slower (the bench lost a quarter of its throughput).
 *
 * @example
 * const listener: RequestListener = (req, res) => { assignRequestId(req, res); app(req, res); };
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('x-request-id', requestIdOf(req));
}

/** The id `assignRequestId` gave the request this answer belongs to. */
export function requestIdFrom(res: ServerResponse): string | undefined {
  const id = res.getHeader('x-request-id');
  return typeof id === 'string' ? id : undefined;
}
