import type { IncomingMessage } from 'node:http';
import { BadRequestError } from '../errors.js';

const empty = Buffer.alloc(0);

/**
 * Reads the request body as raw bytes, refusing more than `limit` bytes (413) before reading
 * them when Content-Length says so, or as soon as the stream passes the limit (the rest is read
 * and dropped, so the connection stays usable). Signature checks need these exact bytes, so the
 * body is parsed only afterwards. The listeners die with the request, so none are removed.
 */
export function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(tooLarge(limit));
  }
  if (declared === '0' || (declared === undefined && request.headers['transfer-encoding'] === undefined)) {
    return Promise.resolve(empty);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      settled = true;
      reject(tooLarge(limit));
    });
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    request.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      reject(new BadRequestError(`The request body could not be read: ${error.message}`, 'BODY_UNREADABLE'));
    });
  });
}

function tooLarge(limit: number): BadRequestError {
  return new BadRequestError(`The request body is larger than the limit of ${limit} bytes.`, 'PAYLOAD_TOO_LARGE', 413);
}
