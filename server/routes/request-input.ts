import type { Request } from 'express';
import type { z } from 'zod';
import { BadRequestError } from '../errors.js';

/** The parsed JSON body of an API request, or a 415/400 that says how to send one. */
export function requireJsonBody(req: Request): Record<string, unknown> {
  if (!req.is('application/json')) {
    throw new BadRequestError('Send the body as JSON with the header Content-Type: application/json.', 'UNSUPPORTED_MEDIA_TYPE', 415);
  }
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestError('The body must be a JSON object.', 'BAD_REQUEST');
  }
  return body as Record<string, unknown>;
}

/** An API request's query parameters checked against `schema`, or a 400 BAD_QUERY naming the first bad one. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new BadRequestError(`Query parameter "${issue.path.join('.')}": ${issue.message}`, 'BAD_QUERY');
}

/** An optional JSON body checked against `schema` (no body counts as `{}`), or a 400 BAD_REQUEST naming the first bad field. */
export function parseOptionalBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  const parsed = schema.safeParse(hasBody || req.headers['transfer-encoding'] ? requireJsonBody(req) : {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new BadRequestError(`${issue.path.length ? `"${issue.path.join('.')}": ` : ''}${issue.message}`, 'BAD_REQUEST');
}
