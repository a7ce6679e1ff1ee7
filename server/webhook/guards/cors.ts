import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request headers a preflight may ask for: a short list of header names. */
const headerList = /^[A-Za-z0-9-]+( *, *[A-Za-z0-9-]+){0,31}$/;

/**
 * CORS for one webhook whose trigger lists allowed origins: a call from an allowed origin gets
 * `Access-Control-Allow-Origin` (never credentials), and its preflight (OPTIONS) is answered
 * here with 204. Returns true when the call was a preflight and has been answered. Calls from
 * other origins get no CORS headers, so the browser keeps their answer from the page.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[], methods: readonly string[]): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && (origins.includes('*') || origins.includes(origin));
  res.setHeader('vary', 'Origin');
  if (allowed) res.setHeader('access-control-allow-origin', origins.includes('*') ? '*' : origin);
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', methods.join(', '));
    const asked = req.headers['access-control-request-headers'];
    if (asked !== undefined && asked.length <= 1024 && headerList.test(asked)) res.setHeader('access-control-allow-headers', asked);
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(204).end();
  return true;
}
