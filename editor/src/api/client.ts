import { forbiddenMessage } from './forbidden.js';
import type { ExecutionPage, ExecutionRecord, FlowDocument, FlowProblem, FlowSummary, NodeType, StoredFlowView, WebhookUrls } from './types.js';

/** An error answer of the API: its status, code and message, and the flow's problems when it has them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: FlowProblem[] = [],
    /** Seconds to wait before trying again (a 429's `Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the API client knows of the signed-in session: set by the session gate, read on every call. */
interface SessionLink {
  /** Sent as `x-csrf-token` with every unsafe method (the session cookie alone is refused for those). */
  csrfToken?: string;
  /** The signed-in user's role, named in the message of a 403 FORBIDDEN. */
  role?: string;
  /** Called when a call answers 401: the session ended (expired, signed out elsewhere). */
  onUnauthenticated?: () => void;
  /** Called when a call answers 403 FORBIDDEN: the role may have changed since the page loaded. */
  onForbidden?: () => void;
}

const session: SessionLink = {};

/** Links the client to the session: the CSRF token to send, the role to name, what to do on a 401. */
export function linkSession(link: SessionLink): void {
  session.csrfToken = link.csrfToken;
  session.role = link.role;
  session.onUnauthenticated = link.onUnauthenticated;
  session.onForbidden = link.onForbidden;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Calls whose 401 is an answer to show (a wrong password), not a session that ended. */
const signInPaths = new Set(['/api/auth/login', '/api/auth/setup', '/api/auth/session']);

interface ErrorBody {
  error?: { code?: string; message?: string; problems?: FlowProblem[] };
}

/**
 * Calls the API; JSON in and out, errors as ApiError with the server's own message. An aborted
 * `signal` closes the connection (a long poll, a superseded preview) and rejects with the AbortError.
 * An empty answer (204) resolves with undefined.
 */
export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  const csrf: Record<string, string> = !safeMethods.has(method) && session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {};
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...csrf, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'The Hookflow server cannot be reached. Is it running?');
  }
  const text = await response.text();
  const data = text ? (safeParse(text) as T & ErrorBody) : undefined;
  if (!response.ok) throw errorOf(response, data as ErrorBody | undefined, method, path);
  return data as T;
}

function errorOf(response: Response, data: ErrorBody | undefined, method: string, path: string): ApiError {
  const error = data?.error;
  const code = error?.code ?? 'HTTP_ERROR';
  if (response.status === 401 && code !== 'INVALID_LOGIN' && !signInPaths.has(path)) session.onUnauthenticated?.();
  if (code === 'FORBIDDEN') session.onForbidden?.();
  const message = code === 'FORBIDDEN' ? forbiddenMessage(session.role, method, path) : (error?.message ?? `The server answered ${response.status}.`);
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, code, message, error?.problems ?? [], Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The REST API, one function per call the editor makes. */
export const api = {
  listFlows: () => request<{ items: FlowSummary[] }>('GET', '/api/flows'),
  getFlow: (id: string) => request<StoredFlowView>('GET', `/api/flows/${encodeURIComponent(id)}`),
  createFlow: (flow: FlowDocument) => request<StoredFlowView>('POST', '/api/flows', flow),
  /** Saves a new version; `version` is the one the draft was based on (409 if the server has a newer one). */
  saveFlow: (flow: FlowDocument, version?: number) =>
    request<StoredFlowView>('PUT', `/api/flows/${encodeURIComponent(flow.id)}`, flow, version === undefined ? {} : { 'if-match': `"${version}"` }),
  deleteFlow: (id: string) => request<void>('DELETE', `/api/flows/${encodeURIComponent(id)}`),
  activate: (id: string) => request<StoredFlowView>('POST', `/api/flows/${encodeURIComponent(id)}/activate`),
  deactivate: (id: string) => request<StoredFlowView>('POST', `/api/flows/${encodeURIComponent(id)}/deactivate`),
  importFile: (content: unknown) => request<{ imported: FlowSummary[] }>('POST', '/api/import', content),
  exportFlow: (id: string) => request<FlowDocument>('GET', `/api/flows/${encodeURIComponent(id)}/export`),
  nodeTypes: () => request<{ items: NodeType[] }>('GET', '/api/node-types'),
  listExecutions: (flowId: string, limit = 50) => request<ExecutionPage>('GET', `/api/executions?flowId=${encodeURIComponent(flowId)}&limit=${limit}`),
  getExecution: (id: string) => request<ExecutionRecord>('GET', `/api/executions/${encodeURIComponent(id)}`),
  /** Gives the flow a new secret webhook URL; the old one stops answering at once. A flow without a webhook answers 409 NO_WEBHOOK. */
  rotateToken: (id: string) => request<StoredFlowView & { webhook: WebhookUrls }>('POST', `/api/flows/${encodeURIComponent(id)}/rotate-token`),
};
