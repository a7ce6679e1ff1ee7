import type { ExecutionPage, ExecutionRecord, FlowDocument, FlowProblem, FlowSummary, NodeType, StoredFlowView } from './types';

/** An error answer of the API: its status, code and message, and the flow's problems when it has them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: FlowProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

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
  try {
    response = await fetch(path, {
      method,
      ...(signal ? { signal } : {}),
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'The Hookflow server cannot be reached. Is it running?');
  }
  const text = await response.text();
  const data = text ? (safeParse(text) as T & ErrorBody) : undefined;
  if (!response.ok) {
    const error = (data as ErrorBody | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The server answered ${response.status}.`, error?.problems ?? []);
  }
  return data as T;
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
};
