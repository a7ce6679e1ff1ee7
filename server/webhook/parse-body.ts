import { BadRequestError } from '../errors.js';

/**
 * Parses raw body bytes by their declared content type: JSON, form-urlencoded or text. Each
 * type fills the body only its own way, so a form post can never arrive shaped like JSON.
 * An empty body is `undefined` whatever the type. Anything else is refused with 415.
 */
export function parseBody(raw: Buffer, contentType: string | undefined, contentEncoding?: string): unknown {
  if (raw.length === 0) return undefined;
  if (contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity') {
    throw unsupported(`The content encoding "${contentEncoding}" is not supported; send the body uncompressed.`);
  }
  const { mediaType, charset } = parseContentType(contentType);
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw unsupported(`The charset "${charset}" is not supported; send the body as UTF-8.`);
  }
  if (mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'))) {
    return parseJson(raw);
  }
  if (mediaType === 'application/x-www-form-urlencoded') return parseForm(raw.toString('utf8'));
  if (mediaType.startsWith('text/')) return raw.toString('utf8');
  if (!mediaType) {
    throw unsupported('The request has a body but no Content-Type header; send it as application/json, application/x-www-form-urlencoded or text/plain.');
  }
  throw unsupported(`The content type "${mediaType}" is not supported; send application/json, application/x-www-form-urlencoded or text/plain.`);
}

function parseContentType(header: string | undefined): { mediaType: string; charset?: string } {
  if (!header) return { mediaType: '' };
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  return { mediaType: type.trim().toLowerCase(), charset };
}

/** Deeper bodies are refused: nothing a sender means is nested this far, and deep values exhaust the stack later. */
const maxJsonDepth = 200;

function parseJson(raw: Buffer): unknown {
  if (nestingDepth(raw) > maxJsonDepth) {
    throw new BadRequestError(`The JSON body is nested more than ${maxJsonDepth} levels deep.`, 'INVALID_JSON');
  }
  try {
    // Some senders start UTF-8 with a byte order mark; JSON itself has no place for one.
    return JSON.parse(raw.toString('utf8', hasByteOrderMark(raw) ? 3 : 0));
  } catch (error) {
    throw new BadRequestError(`The body is not valid JSON: ${(error as Error).message}`, 'INVALID_JSON');
  }
}

const hasByteOrderMark = (raw: Buffer) => raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;

/** The deepest nesting of arrays and objects in JSON text, counting only brackets outside strings. */
function nestingDepth(raw: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < raw.length; index++) {
    const byte = raw[index];
    if (inString) {
      if (byte === 0x5c) index++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return deepest;
}

/** Repeated keys become arrays; keys go on a null-prototype object so `__proto__` is only data. */
function parseForm(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = form[key];
    form[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return { ...form };
}

function unsupported(message: string): BadRequestError {
  return new BadRequestError(message, 'UNSUPPORTED_MEDIA_TYPE', 415);
}
