import type { ErrorBody } from '../http/send.js';
import type { FlowAdmin, FlowSummary } from './flow-admin.js';

/** An API error, carried to the CLI's output as the server worded it. */
export class RemoteError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'] | undefined,
  ) {
    super(body?.message ?? `The server answered ${status}.`);
    this.name = 'RemoteError';
  }
}

/** Talks to a running Hookflow server through its REST API. */
export function createRemoteAdmin(baseUrl: string): FlowAdmin {
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new RemoteError(response.status, (body as ErrorBody | undefined)?.error);
    return body as T;
  };
  return {
    list: async () => (await call<{ items: FlowSummary[] }>('/api/flows')).items,
    exportFlow: (id) => call(`/api/flows/${encodeURIComponent(id)}/export`),
    exportAll: () => call('/api/export'),
    importDocument: async (document, replace) =>
      (
        await call<{ imported: FlowSummary[] }>(`/api/import${replace ? '?replace=true' : ''}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(document),
        })
      ).imported,
    close: async () => undefined,
  };
}
