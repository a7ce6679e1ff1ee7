import type { IncomingMessage } from 'node:http';
import { BadRequestError } from '../errors.js';

const empty = Buffer.alloc(0);

/**
 * Reads the request body as raw bytes, refusing more than `limit` bytes (413) before reading
 * them when Content-Length says so, or as soon as the stream passes the limit. Signature checks
 * need these exact bytes, so the body is parsed only afterwards.
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
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new BadRequestError(`The request body could not be read: ${error.message}`, 'BODY_UNREADABLE'));
    };
    const onAborted = () => onError(new Error('the client closed the connection'));
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

function tooLarge(limit: number): BadRequestError {
  return new BadRequestError(`The request body is larger than the limit of ${limit} bytes.`, 'PAYLOAD_TOO_LARGE', 413);
}
