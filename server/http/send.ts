import type { ServerResponse } from 'node:http';
import { FlowError, FlowValidationError } from '../errors.js';

/**
 * Writes a JSON answer straight to the socket: no ETag, no content negotiation. The webhook
 * hot path and the API share it so that every answer, errors included, has one shape.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export interface ErrorBody {
  error: { code: string; message: string; [detail: string]: unknown };
}

/** The `{ error: { code, message, … } }` body and status for any thrown value. */
export function describeError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof FlowValidationError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, problems: error.problems } } };
  }
  if (error instanceof FlowError) {
    const nodeId = (error as { nodeId?: string }).nodeId;
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(nodeId ? { nodeId } : {}) } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong inside Hookflow; the error has been logged.' } } };
}

export function sendError(res: ServerResponse, error: unknown, headers?: Record<string, string>): void {
  const { status, body } = describeError(error);
  sendJson(res, status, body, headers);
}
