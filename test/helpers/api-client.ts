import { expect } from 'vitest';
import { flowDocument } from './flow-document.js';

/** An answer of the API: the status, the headers, the raw text and the parsed JSON body (if any). */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** `any`: tests read whatever shape the endpoint answers, and their assertions check it. */
  body: any;
}

interface RequestOptions {
  /** Sent as JSON with `content-type: application/json` (null and strings included). */
  json?: unknown;
  /** Sent as is, with only the headers given. */
  raw?: string;
  headers?: Record<string, string>;
}

type Lazy<T> = T | (() => T);
const read = <T>(value: Lazy<T>): T => (typeof value === 'function' ? (value as () => T)() : value);

/**
 * Small fetch wrapper for the REST API of a test server. `baseUrl` and `defaultHeaders` (sent with
 * every request, e.g. the test app's `authHeaders`) may be functions, read at each request, so
 * that the client can be made before the server has started.
 *
 * @example
 * const api = apiClient(() => app.url, () => app.authHeaders);
 * const { status, body } = await api.post('/api/flows', flowDocument('a', { in: ['webhook'] }, []));
 */
export function apiClient(baseUrl: Lazy<string>, defaultHeaders: Lazy<Record<string, string>> = {}) {
  const send = async (method: string, pathname: string, options: RequestOptions = {}): Promise<ApiResponse> => {
    const hasJson = 'json' in options;
    const response = await fetch(`${read(baseUrl)}${pathname}`, {
      method,
      headers: { ...read(defaultHeaders), ...(hasJson ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: hasJson ? JSON.stringify(options.json) : options.raw,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: parseJson(text) };
  };
  return {
    send,
    get: (pathname: string, headers?: Record<string, string>) => send('GET', pathname, { headers }),
    post: (pathname: string, json: unknown = {}, headers?: Record<string, string>) => send('POST', pathname, { json, headers }),
    put: (pathname: string, json: unknown, headers?: Record<string, string>) => send('PUT', pathname, { json, headers }),
    patch: (pathname: string, json: unknown, headers?: Record<string, string>) => send('PATCH', pathname, { json, headers }),
    delete: (pathname: string, headers?: Record<string, string>) => send('DELETE', pathname, { headers }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Asserts a JSON error answer `{ error: { code, message } }` and returns its `error`. */
export function expectApiError(response: ApiResponse, status: number, code: string) {
  expect({ status: response.status, code: response.body?.error?.code }, response.text).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body.error.message).toEqual(expect.any(String));
  expect(response.body.error.message.length).toBeGreaterThan(10);
  return response.body.error as { code: string; message: string; problems?: Array<{ path: string; message: string; position?: number }> };
}

/** The `problems` of a 422 FLOW_INVALID answer, each checked to carry a path and a message. */
export function expectProblems(response: ApiResponse) {
  const { problems } = expectApiError(response, 422, 'FLOW_INVALID');
  expect(problems).toEqual(expect.arrayContaining([expect.anything()]));
  for (const problem of problems!) expect(problem).toEqual(expect.objectContaining({ path: expect.any(String), message: expect.any(String) }));
  return problems!;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A small valid flow whose webhook answers with the flow's id as text; `path` gives it a custom webhook path. */
export const echoFlow = (id: string, path?: string, extra: Record<string, unknown> = {}) =>
  flowDocument(id, { in: ['webhook', path ? { path } : {}], out: ['transform', { expression: `"${id}"` }] }, [['in', 'out']], extra);
