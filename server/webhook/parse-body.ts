import { BadRequestError } from '../errors.js';

export const supportedMediaTypes = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded', 'text/*'];

/**
 * Parses raw body bytes by their declared content type: JSON, form-urlencoded or text. Each
 * type fills the body only its own way, so a form post can never arrive shaped like JSON.
 * An empty body is `undefined` whatever the type. Anything else is refused with 415.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
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

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new BadRequestError(`The body is not valid JSON: ${(error as Error).message}`, 'INVALID_JSON');
  }
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
