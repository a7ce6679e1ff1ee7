import { z } from 'zod';
import { credentialField } from './credential-field.js';
import { defineNode, type NodeResult, type NodeServices } from './define-node.js';
import { expressionField } from './expression.js';
import { compilePairs, compileTemplate, headersField, queryField, renderHeaders, renderPairs, templateField } from './template.js';
import { httpMethods } from './webhook.js';

const mebibyte = 1024 * 1024;

const authConfig = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('none') }).meta({ title: 'None' }),
    z
      .object({ type: z.literal('bearer'), credential: credentialField('Token', 'A bearer credential, sent as Authorization: Bearer <token>.', ['bearer']) })
      .meta({ title: 'Bearer token' }),
    z
      .object({ type: z.literal('basic'), credential: credentialField('Login', 'A basic credential, sent as Authorization: Basic <username:password>.', ['basic']) })
      .meta({ title: 'Username and password' }),
    z
      .object({ type: z.literal('apiKey'), credential: credentialField('API key', 'An API key credential: its value is sent in its header.', ['apiKey']) })
      .meta({ title: 'API key header' }),
  ])
  .default({ type: 'none' })
  .meta({
    title: 'Authentication',
    description: 'A stored credential, named here, never written into the flow. It replaces a header of the same name; redirects are then not followed, so it is never sent to another host.',
  });

type AuthConfig = z.output<typeof authConfig>;

const requestConfig = z
  .object({
    method: z.enum(httpMethods).default('GET').meta({ title: 'Method' }),
    url: templateField('URL', 'An absolute http(s) URL; {{ }} inserts a JSONata result, e.g. https://crm.example.com/contacts/{{ body.id }}.', 2000)
      .min(1, 'Enter the URL to call.'),
    headers: headersField('Headers', 'Sent with the request; values are templates.'),
    auth: authConfig,
    query: queryField('Query parameters', 'Added to the URL (encoded for you); values are templates.'),
    body: expressionField('Body', 'JSONata; sent as JSON, or as it is when it is a string and you set a Content-Type header.').optional(),
    timeoutMs: z.int().min(100).max(120_000).default(10_000).meta({ title: 'Timeout (ms)', description: 'Past it, the request fails with code TIMEOUT.' }),
    responseFormat: z
      .enum(['auto', 'json', 'text'])
      .default('auto')
      .meta({ title: 'Read the response as', description: 'auto: JSON when the response says it is JSON, text otherwise.' }),
    failOn: z
      .enum(['non2xx', 'never'])
      .default('non2xx')
      .meta({ title: 'Fail on', description: 'non2xx: a status outside 200–299 takes the error port; never: every answer takes success.' }),
    maxResponseBytes: z
      .int()
      .min(1)
      .max(50 * mebibyte)
      .default(5 * mebibyte)
      .meta({ title: 'Largest response (bytes)', description: 'A larger response takes the error port with code RESPONSE_TOO_LARGE.' }),
  })
  .refine((config) => config.body === undefined || (config.method !== 'GET' && config.method !== 'HEAD'), {
    path: ['body'],
    message: 'A GET or HEAD request carries no body; remove the body or choose another method.',
  });

type RequestConfig = z.output<typeof requestConfig>;

/**
 * Calls an HTTP API. Answers and failures of the remote side (network error, timeout, a status
 * outside 2xx, an oversized response) take the `error` port so that a flow can route them; a
 * URL or header that the flow itself built wrong, or an address the outbound policy refuses,
 * fails the node.
 */
export const httpRequestNode = defineNode({
  type: 'http-request',
  label: 'HTTP request',
  category: 'action',
  description: 'Calls a URL and outputs the status, headers and body of the response.',
  outputs: ['success', 'error'],
  config: requestConfig,
  create(config, compiler) {
    if (!config.url.includes('{{')) toHttpUrl(config.url, []);
    const url = compileTemplate(config.url, compiler, 'url');
    const headers = compilePairs(config.headers, compiler, 'headers');
    const query = compilePairs(config.query, compiler, 'query');
    const body = config.body === undefined ? undefined : compiler.expression(config.body, 'body');
    return async ({ input, scope, signal, services }) => {
      const target = toHttpUrl(await url.render(input, scope), await renderPairs(query, input, scope));
      const requestHeaders = new Headers(await renderHeaders(headers, input, scope));
      const payload = body && encodeBody(await body.evaluate(input, scope), requestHeaders);
      if (config.auth.type !== 'none') authenticate(requestHeaders, config.auth, services);
      try {
        const response = await services.fetch(target, {
          method: config.method,
          headers: requestHeaders,
          body: payload,
          redirect: config.auth.type === 'none' ? 'follow' : 'manual',
          signal: AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]),
        });
        return await readResponse(response, config);
      } catch (error) {
        if (signal.aborted || isPolicyRefusal(error)) throw (signal.aborted ? error : (error as { cause: unknown }).cause);
        return failure(describeFailure(error, target, config.timeoutMs));
      }
    };
  },
});

function toHttpUrl(text: string, query: [string, string][]): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`The URL must be an absolute http:// or https:// URL, but it is "${text.slice(0, 200)}".`);
  }
  if (url.username || url.password) throw new Error('Put credentials in a header (such as Authorization), not in the URL.');
  for (const [name, value] of query) url.searchParams.append(name, value);
  return url;
}

/** Sets the header the auth config asks for, from its credential (a missing credential fails the node). */
function authenticate(headers: Headers, auth: Exclude<AuthConfig, { type: 'none' }>, services: NodeServices): void {
  switch (auth.type) {
    case 'bearer':
      return headers.set('authorization', `Bearer ${services.credential(auth.credential, 'bearer').token}`);
    case 'basic': {
      const { username, password } = services.credential(auth.credential, 'basic');
      return headers.set('authorization', `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`);
    }
    case 'apiKey': {
      const { header, value } = services.credential(auth.credential, 'apiKey');
      return headers.set(header, value);
    }
  }
}

/** JSON unless the flow set its own Content-Type, in which case a string goes out as it is. */
function encodeBody(value: unknown, headers: Headers): string | undefined {
  if (value === undefined) return undefined;
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  else if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

async function readResponse(response: Response, config: RequestConfig): Promise<NodeResult> {
  const { status } = response;
  const bytes = await readLimited(response, config.maxResponseBytes);
  if (!bytes) {
    return failure({ code: 'RESPONSE_TOO_LARGE', message: `The response is larger than ${config.maxResponseBytes} bytes (maxResponseBytes).` }, { status });
  }
  const text = new TextDecoder().decode(bytes);
  const json = config.responseFormat === 'json' || (config.responseFormat === 'auto' && isJsonType(response.headers.get('content-type')));
  const parsed = json ? parseJson(text) : { body: text };
  if (config.failOn === 'non2xx' && !response.ok) {
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    const details = { status, body: parsed.body, ...(retryAfter !== undefined && { retryAfter }) };
    return failure({ code: 'HTTP_STATUS', message: `The server answered ${status} ${response.statusText}`.trim() + '.' }, details);
  }
  if (parsed.invalid) return failure({ code: 'INVALID_JSON', message: 'The response is not valid JSON.' }, { status, body: text });
  return { port: 'success', output: { status, headers: Object.fromEntries(response.headers), body: parsed.body } };
}

/**
 * A Retry-After header in seconds from now (it holds seconds or an HTTP date), for a retry policy
 * to wait that long; undefined when absent or unreadable.
 */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The body, or undefined when it is larger than `limit` (reading stops there). */
async function readLimited(response: Response, limit: number): Promise<Uint8Array | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const isJsonType = (type: string | null) => type !== null && /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);

function parseJson(text: string): { body: unknown; invalid?: true } {
  if (text.trim() === '') return { body: null };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text, invalid: true };
  }
}

interface Failure {
  code: string;
  message: string;
}

function failure(error: Failure, details: { status?: number; body?: unknown; retryAfter?: number } = {}): NodeResult {
  return { port: 'error', output: { error, ...details } };
}

/**
 * The server's outbound policy refused the address (private, loopback, metadata). That is not a
 * failure of the remote side for the error port to route: the execution fails, visibly.
 */
function isPolicyRefusal(error: unknown): boolean {
  return (error as { cause?: { code?: unknown } }).cause?.code === 'OUTBOUND_BLOCKED';
}

function describeFailure(error: unknown, url: URL, timeoutMs: number): Failure {
  if ((error as Error).name === 'TimeoutError') return { code: 'TIMEOUT', message: `No complete answer from ${url.host} within ${timeoutMs} ms.` };
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : 'NETWORK_ERROR';
  const reason = typeof cause?.message === 'string' ? cause.message : (error as Error).message;
  return { code, message: `The request to ${url.host} failed: ${reason}` };
}
