import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TriggerRequest } from '../../nodes/define-node.js';

/** The request as a flow sees it in `$trigger`: flat string headers, parsed query, parsed body. */
export function toTriggerRequest(req: IncomingMessage, path: string, query: Record<string, string | string[]>, body: unknown): TriggerRequest {
  return {
    method: req.method ?? 'GET',
    path,
    headers: flattenHeaders(req.headers),
    query,
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
