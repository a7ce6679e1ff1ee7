import type { ServerResponse } from 'node:http';
import type { WebhookResponse } from '../../nodes/define-node.js';

/** Headers a flow may not set: they belong to the HTTP connection, not to the answer. */
const reserved = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te', 'host']);

/**
 * Writes the answer a flow asked for (respond node or lastNode result): a string goes out as it
 * is (text/plain unless the flow set a content type), anything else as JSON, and no body at all
 * as 204 when the status was left at 200.
 */
export function writeFlowResponse(res: ServerResponse, response: WebhookResponse): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    const key = name.toLowerCase();
    if (!reserved.has(key) && /^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key) && !/[\r\n]/.test(value)) headers[key] = value;
  }
  let text = '';
  if (response.body !== undefined) {
    if (typeof response.body === 'string') {
      headers['content-type'] ??= 'text/plain; charset=utf-8';
      text = response.body;
    } else {
      headers['content-type'] ??= 'application/json; charset=utf-8';
      text = JSON.stringify(response.body);
    }
  }
  const status = response.body === undefined && response.status === 200 ? 204 : response.status;
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(status === 204 || status === 304 ? undefined : text);
}
