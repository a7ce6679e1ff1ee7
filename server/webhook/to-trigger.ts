import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import type { TriggerRequest } from '../../nodes/define-node.js';

/** The request as a flow sees it in `$trigger`: flat string headers, parsed query, parsed body. */
export function toTriggerRequest(req: Request, path: string, body: unknown): TriggerRequest {
  return {
    method: req.method,
    path,
    headers: flattenHeaders(req.headers),
    query: req.query as Record<string, string | string[]>,
    params: {},
    body,
  };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
